//! Dates mentioned in Russian and Turkish speeches: a table of sentences
//! with the references each holds and the dates they resolve to against a
//! speech date (and the sentences that hold none: ordinals, counts, law
//! numbers, a year in a law's quoted title); the same text run through
//! `refrain timeline` as a user's tagged or untagged transcript; and English
//! transcripts read exactly as before.

use std::path::Path;

use chrono::NaiveDate;
use refrain::core::text::Language;
use refrain::core::text::transcript::{DatePrecision, DateSource, SpeechDate};
use refrain::core::timeline::mentions::{Mention, find_mentions, find_mentions_in, transcript_mentions};
use refrain::core::timeline::model::date_label;

use crate::common;
use crate::support::{refrain, sotu_speeches};

fn anchor(y: i32, m: u32, d: u32, precision: DatePrecision) -> SpeechDate {
    SpeechDate { date: NaiveDate::from_ymd_opt(y, m, d).unwrap(), precision, source: DateSource::Header }
}

/// A mention as the timeline prints its date: `2018-11-07`, `2016-09`,
/// `2015`, or `2015-09 – 2015-11` for a season.
fn label(m: &Mention) -> String {
    let start = date_label(m.date, m.precision);
    match m.end {
        Some((end, p)) => format!("{start} – {}", date_label(end, p)),
        None => start,
    }
}

/// The speech date most rows are read against (the seed's: a Wednesday).
fn nov_2018() -> SpeechDate {
    anchor(2018, 11, 7, DatePrecision::Day)
}

/// Checks each row: the references found in the sentence, as written, with
/// their dates; a reference without a four-digit year is relative. Every
/// mention is a slice inside its sentence, mentions come in order and
/// apart, and the absolute ones are found alike without an anchor.
/// One row of a table: a sentence, the speech date it is read against, and
/// the references expected in it, each as written with its date.
type Row<'a> = (&'a str, Option<&'a SpeechDate>, &'a [(&'a str, &'a str)]);

fn check(language: Language, rows: &[Row]) {
    let mut failures = Vec::new();
    for &(text, at, expected) in rows {
        let found = find_mentions_in(text, at, language);
        let got: Vec<(&str, String)> = found.iter().map(|m| (&text[m.bytes.clone()], label(m))).collect();
        let want: Vec<(&str, String)> = expected.iter().map(|&(r, d)| (r, d.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?}\n   found {got:?}\n    want {want:?}"));
            continue;
        }
        let mut last_end = 0;
        for m in &found {
            let reference = &text[m.bytes.clone()];
            let has_year = reference.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
            assert_eq!(m.relative, !has_year, "{text:?}: {m:?}");
            assert!(m.sentence.start <= m.bytes.start && m.bytes.end <= m.sentence.end, "{text:?}: {m:?}");
            assert!(m.bytes.start >= last_end, "{text:?}: {found:?}");
            last_end = m.bytes.end;
        }
        let absolute: Vec<&Mention> = found.iter().filter(|m| !m.relative).collect();
        let alone = find_mentions_in(text, None, language);
        assert_eq!(absolute, alone.iter().collect::<Vec<_>>(), "{text:?}: an anchor changed the absolute mentions");
    }
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

#[test]
fn russian_sentences_resolve_against_the_speech_date() {
    let nov = nov_2018();
    let feb = anchor(2018, 2, 20, DatePrecision::Day);
    let year_only = anchor(2018, 1, 1, DatePrecision::Year);
    let a = Some(&nov);
    let rows: &[Row] = &[
        // Absolute days, months and years, in their case forms.
        ("Встреча состоялась 7 ноября 2018 года в Москве.", a, &[("7 ноября 2018 года", "2018-11-07")]),
        ("Договор подписан 25 декабря 1991 г. в Алма-Ате.", a, &[("25 декабря 1991 г.", "1991-12-25")]),
        ("Саммит прошёл 1-го июля 2015 г., как и планировали.", a, &[("1-го июля 2015 г.", "2015-07-01")]),
        ("Указ от 12 июня 1990 года открыл новую страницу.", a, &[("12 июня 1990 года", "1990-06-12")]),
        ("В сентябре 2016 года мы предложили план.", a, &[("сентябре 2016 года", "2016-09")]),
        ("С марта 2014 года ситуация изменилась.", a, &[("марта 2014 года", "2014-03")]),
        ("К маю 2019 года работа будет завершена.", a, &[("маю 2019 года", "2019-05")]),
        ("Это было в августе 2008-го.", a, &[("августе 2008-го", "2008-08")]),
        ("В 2014 году начался кризис.", a, &[("В 2014 году", "2014")]),
        ("С 2014 года мы говорим об этом.", a, &[("С 2014 года", "2014")]),
        ("До 2020 года осталось немного.", a, &[("До 2020 года", "2020")]),
        ("Это случилось в 2014-м.", a, &[("в 2014-м", "2014")]),
        ("Так было в 1945.", a, &[("в 1945", "1945")]),
        ("2015 год стал переломным.", a, &[("2015 год", "2015")]),
        ("В 2014–2015 годах цены росли.", a, &[("В 2014", "2014"), ("2015 годах", "2015")]),
        ("С 2014 по 2016 год шли переговоры.", a, &[("С 2014", "2014"), ("по 2016 год", "2016")]),
        ("В 2010-2012 гг. работала комиссия.", a, &[("В 2010", "2010"), ("2012 гг.", "2012")]),
        // Seasons: the months they cover; winter is the one ending in its year.
        ("Осенью 2015 года начались консультации.", a, &[("Осенью 2015 года", "2015-09 – 2015-11")]),
        ("Зимой 2015 года были подписаны соглашения.", a, &[("Зимой 2015 года", "2014-12 – 2015-02")]),
        ("Летом 2017 года прошли учения.", a, &[("Летом 2017 года", "2017-06 – 2017-08")]),
        ("Весной 2016 г. мы встретились.", a, &[("Весной 2016 г.", "2016-03 – 2016-05")]),
        ("Прошлой осенью мы встречались.", a, &[("Прошлой осенью", "2017-09 – 2017-11")]),
        ("Осенью прошлого года мы встречались.", a, &[("Осенью прошлого года", "2017-09 – 2017-11")]),
        ("Этим летом прошли учения.", a, &[("Этим летом", "2018-06 – 2018-08")]),
        // Counting back, numbers in words and digits, in their case forms.
        ("Три года назад, на 70-й сессии Генассамблеи ООН, президент выступил.", a, &[("Три года назад", "2015")]),
        ("Два месяца назад закон был принят.", a, &[("Два месяца назад", "2018-09")]),
        ("Это было пять лет назад.", a, &[("пять лет назад", "2013")]),
        ("Более трёх лет назад мы предупреждали.", a, &[("трёх лет назад", "2015")]),
        ("Более трех лет назад мы предупреждали.", a, &[("трех лет назад", "2015")]),
        ("Около двух месяцев назад пришёл ответ.", a, &[("двух месяцев назад", "2018-09")]),
        ("25 лет назад распался Союз.", a, &[("25 лет назад", "1993")]),
        ("Двадцать пять лет назад всё начиналось.", a, &[("Двадцать пять лет назад", "1993")]),
        ("Десять дней назад мы получили письмо.", a, &[("Десять дней назад", "2018-10-28")]),
        ("Неделю назад он звонил.", a, &[("Неделю назад", "2018-10-31")]),
        ("Год назад мы говорили об этом.", a, &[("Год назад", "2017")]),
        ("Полгода назад ситуация была иной.", a, &[("Полгода назад", "2018-05")]),
        ("Полвека тому назад был подписан договор.", a, &[("Полвека тому назад", "1968")]),
        ("Это было 3 года назад.", a, &[("3 года назад", "2015")]),
        ("Два десятилетия назад всё было иначе.", a, &[("Два десятилетия назад", "1998")]),
        ("Четверть века назад мы начали.", a, &[("Четверть века назад", "1993")]),
        ("ТРИ ГОДА НАЗАД МЫ ВСТРЕТИЛИСЬ.", a, &[("ТРИ ГОДА НАЗАД", "2015")]),
        // Named days and periods.
        ("В прошлом году объём торговли вырос.", a, &[("В прошлом году", "2017")]),
        ("В минувшем году экономика росла.", a, &[("В минувшем году", "2017")]),
        ("В позапрошлом году мы начали.", a, &[("В позапрошлом году", "2016")]),
        ("В следующем году мы проведём саммит.", a, &[("В следующем году", "2019")]),
        ("В прошлом месяце прошли выборы.", a, &[("В прошлом месяце", "2018-10")]),
        ("В следующем месяце начнётся сессия.", a, &[("В следующем месяце", "2018-12")]),
        ("На прошлой неделе министры встретились.", a, &[("На прошлой неделе", "2018-10-31")]),
        ("Вчера мы подписали меморандум.", a, &[("Вчера", "2018-11-06")]),
        ("Позавчера прошли консультации.", a, &[("Позавчера", "2018-11-05")]),
        ("Итоги прошлого года обнадёживают.", a, &[("прошлого года", "2017")]),
        // Months relative to the speech.
        ("В прошлом июне государства подписали конвенцию.", a, &[("В прошлом июне", "2018-06")]),
        ("В июне прошлого года государства подписали конвенцию.", a, &[("В июне прошлого года", "2017-06")]),
        ("В марте этого года было заявление.", a, &[("В марте этого года", "2018-03")]),
        ("В марте следующего года пройдёт форум.", a, &[("В марте следующего года", "2019-03")]),
        ("Конференция в Москве в сентябре была успешной.", a, &[("сентябре", "2018-09")]),
        ("В декабре была конференция.", a, &[("декабре", "2017-12")]),
        ("С января действует новый порядок.", a, &[("января", "2018-01")]),
        ("В сентябре был саммит.", Some(&feb), &[("сентябре", "2017-09")]),
        // Not dates: ordinals, counts, law numbers, a law's quoted title,
        // decades, a day without a year, the future, the past as a noun.
        ("Законопроект принят в третьем чтении.", a, &[]),
        ("Ему грозит три года тюрьмы.", a, &[]),
        ("Закон № 2014 вступил в силу.", a, &[]),
        ("Под номером 2014 значится этот документ.", a, &[]),
        ("Принят закон «О федеральном бюджете на 2014 год».", a, &[]),
        (
            "Федеральный закон «Об исполнении бюджета в 2014 году» принят, а в 2015 году исполнен.",
            a,
            &[("в 2015 году", "2015")],
        ),
        ("В 1990-е годы страна изменилась.", a, &[]),
        ("Это повторялось несколько лет назад и много лет подряд.", a, &[]),
        ("Было продано 2014 автомобилей.", a, &[]),
        ("Это произошло 1 марта.", a, &[]),
        ("Через три года всё изменится.", a, &[]),
        ("В течение двух лет шли переговоры.", a, &[]),
        ("В прошлом мы часто ошибались.", a, &[]),
        ("Мы встретились в марте 2500 года.", a, &[]),
        // Relative forms need an anchor, precise enough; absolute ones do not.
        ("Вчера мы встретились, в прошлом году тоже.", Some(&year_only), &[("в прошлом году", "2017")]),
        ("В 2014 году и три года назад.", None, &[("В 2014 году", "2014")]),
        // An English quotation in a Russian speech still counts.
        ("Он сказал: «it began in 2014».", a, &[("in 2014", "2014")]),
    ];
    assert!(rows.len() >= 60);
    check(Language::Russian, rows);
}

#[test]
fn turkish_sentences_resolve_against_the_speech_date() {
    let nov = nov_2018();
    let feb = anchor(2018, 2, 20, DatePrecision::Day);
    let year_only = anchor(2018, 1, 1, DatePrecision::Year);
    let a = Some(&nov);
    let rows: &[Row] = &[
        // Absolute days, months and years, with their suffixes.
        ("Toplantı 7 Kasım 2018'de Moskova'da yapıldı.", a, &[("7 Kasım 2018'de", "2018-11-07")]),
        ("29 Ekim 1923 tarihinde Cumhuriyet ilan edildi.", a, &[("29 Ekim 1923", "1923-10-29")]),
        ("1 ŞUBAT 2021 günü görüştük.", a, &[("1 ŞUBAT 2021", "2021-02-01")]),
        ("Eylül 2016'da bir plan önerdik.", a, &[("Eylül 2016'da", "2016-09")]),
        ("Mart 2014’ten beri durum değişti.", a, &[("Mart 2014’ten", "2014-03")]),
        ("Kasım 2015 toplantısı önemliydi.", a, &[("Kasım 2015", "2015-11")]),
        ("KASIM 2015'te toplandık.", a, &[("KASIM 2015'te", "2015-11")]),
        ("Mayıs 2019'a kadar bitecek.", a, &[("Mayıs 2019'a", "2019-05")]),
        ("2016 yılının Eylül ayında toplandık.", a, &[("2016 yılının Eylül ayında", "2016-09")]),
        ("2014 yılında kriz başladı.", a, &[("2014 yılında", "2014")]),
        ("2014'te kriz başladı.", a, &[("2014'te", "2014")]),
        ("2014'ten bu yana bunu söylüyoruz.", a, &[("2014'ten", "2014")]),
        ("2020'ye kadar bitireceğiz.", a, &[("2020'ye", "2020")]),
        ("2015 yılı bizim için zordu.", a, &[("2015 yılı", "2015")]),
        ("2014 ve 2015 yıllarında fiyatlar arttı.", a, &[("2014", "2014"), ("2015 yıllarında", "2015")]),
        ("2010-2012 yıllarında bir komisyon çalıştı.", a, &[("2010", "2010"), ("2012 yıllarında", "2012")]),
        // Seasons.
        ("2015 sonbaharında görüşmeler başladı.", a, &[("2015 sonbaharında", "2015-09 – 2015-11")]),
        ("2017 yazında tatbikat yapıldı.", a, &[("2017 yazında", "2017-06 – 2017-08")]),
        ("2015 kışında anlaşmalar imzalandı.", a, &[("2015 kışında", "2014-12 – 2015-02")]),
        ("Geçen sonbahar görüşmüştük.", a, &[("Geçen sonbahar", "2017-09 – 2017-11")]),
        ("Geçen yılın sonbaharında görüşmüştük.", a, &[("Geçen yılın sonbaharında", "2017-09 – 2017-11")]),
        ("Bu yaz tatbikat yapıldı.", a, &[("Bu yaz", "2018-06 – 2018-08")]),
        // Counting back.
        ("Üç yıl önce, BM Genel Kurulu'nun 70. oturumunda cumhurbaşkanı konuştu.", a, &[("Üç yıl önce", "2015")]),
        ("İki ay önce yasa kabul edildi.", a, &[("İki ay önce", "2018-09")]),
        ("Beş yıl önce başladık.", a, &[("Beş yıl önce", "2013")]),
        ("On beş gün önce mektup geldi.", a, &[("On beş gün önce", "2018-10-23")]),
        ("3 yıl önce buradaydık.", a, &[("3 yıl önce", "2015")]),
        ("Yirmi beş yıl önce Birlik dağıldı.", a, &[("Yirmi beş yıl önce", "1993")]),
        ("Bir hafta önce aradı.", a, &[("Bir hafta önce", "2018-10-31")]),
        ("Çeyrek asır önce bu anlaşma imzalandı.", a, &[("Çeyrek asır önce", "1993")]),
        ("Bundan on yıl önce durum farklıydı.", a, &[("on yıl önce", "2008")]),
        ("Üç yıl önceki seçimlerde kazandık.", a, &[("Üç yıl önceki", "2015")]),
        ("ÜÇ YIL ÖNCE BURADAYDIK.", a, &[("ÜÇ YIL ÖNCE", "2015")]),
        // Named days and periods.
        ("Geçen yıl ticaret hacmi arttı.", a, &[("Geçen yıl", "2017")]),
        ("GEÇEN YIL ticaret arttı.", a, &[("GEÇEN YIL", "2017")]),
        ("Geçen sene ticaret hacmi arttı.", a, &[("Geçen sene", "2017")]),
        ("Geçtiğimiz yıl büyüme yüzde üç oldu.", a, &[("Geçtiğimiz yıl", "2017")]),
        ("Geçen yılın sonunda anlaştık.", a, &[("Geçen yılın", "2017")]),
        ("Gelecek yıl zirve yapılacak.", a, &[("Gelecek yıl", "2019")]),
        ("Önümüzdeki yıl yeni bir program başlayacak.", a, &[("Önümüzdeki yıl", "2019")]),
        ("Seneye yeniden görüşeceğiz.", a, &[("Seneye", "2019")]),
        ("Geçen ay seçimler yapıldı.", a, &[("Geçen ay", "2018-10")]),
        ("Gelecek ay oturum başlayacak.", a, &[("Gelecek ay", "2018-12")]),
        ("Geçen hafta bakanlar bir araya geldi.", a, &[("Geçen hafta", "2018-10-31")]),
        ("Dün bir mutabakat imzaladık.", a, &[("Dün", "2018-11-06")]),
        ("Evvelsi gün istişareler yapıldı.", a, &[("Evvelsi gün", "2018-11-05")]),
        ("Evvelki yıl başladık.", a, &[("Evvelki yıl", "2016")]),
        // Months relative to the speech.
        ("Geçen Haziran devletler sözleşmeyi imzaladı.", a, &[("Geçen Haziran", "2018-06")]),
        ("Geçen haziranda devletler sözleşmeyi imzaladı.", a, &[("Geçen haziranda", "2018-06")]),
        ("Geçtiğimiz Kasım ayında görüştük.", a, &[("Geçtiğimiz Kasım ayında", "2017-11")]),
        ("Geçen yıl Haziran'da sözleşme imzalandı.", a, &[("Geçen yıl Haziran'da", "2017-06")]),
        ("Geçen yılın Haziran ayında sözleşme imzalandı.", a, &[("Geçen yılın Haziran ayında", "2017-06")]),
        ("Gelecek yıl Mart'ta forum yapılacak.", a, &[("Gelecek yıl Mart'ta", "2019-03")]),
        ("Önümüzdeki Mart'ta forum yapılacak.", a, &[("Önümüzdeki Mart'ta", "2019-03")]),
        ("Moskova'da Eylül'de bir konferans yapıldı.", a, &[("Eylül'de", "2018-09")]),
        ("Eylülde bir konferans yapıldı.", a, &[("Eylülde", "2018-09")]),
        ("Aralık ayında bir konferans yapıldı.", a, &[("Aralık ayında", "2017-12")]),
        ("Ocak'tan beri yeni düzen geçerli.", a, &[("Ocak'tan", "2018-01")]),
        ("Eylül'de bir zirve vardı.", Some(&feb), &[("Eylül'de", "2017-09")]),
        // Not dates: counts, counts before something else, law numbers and
        // titles, decades, a bare number, a day without a year, other
        // words that look like month names or `dün`.
        ("Ona üç yıl hapis cezası verildi.", a, &[]),
        ("Seçimden üç yıl önce parti kuruldu.", a, &[]),
        ("2014 sayılı kanun yürürlüğe girdi.", a, &[]),
        ("Karar No. 2014 yayımlandı.", a, &[]),
        (
            "\"2014 Yılı Merkezi Yönetim Bütçe Kanunu\" kabul edildi; 2015 yılında uygulandı.",
            a,
            &[("2015 yılında", "2015")],
        ),
        ("1990'lı yıllarda ülke değişti.", a, &[]),
        ("Toplantıya 2014 kişi katıldı.", a, &[]),
        ("Bu aralıkta fiyatlar düştü.", a, &[]),
        ("7 Kasım'da görüşeceğiz.", a, &[]),
        ("Yıllar önce buradaydık.", a, &[]),
        ("Geçen yıllarda çok şey değişti.", a, &[]),
        ("Üçüncü okumada kabul edildi.", a, &[]),
        ("Bir önceki gün toplantı yapılmıştı.", a, &[]),
        ("Martı sesleri duyuldu.", a, &[]),
        ("Dünya değişiyor, dünkü sözler unutuldu.", a, &[]),
        ("Üç yıl sonra yeniden görüşeceğiz.", a, &[]),
        // Relative forms need an anchor, precise enough.
        ("Dün ve geçen yıl görüştük.", Some(&year_only), &[("geçen yıl", "2017")]),
        ("2014 yılında ve üç yıl önce.", None, &[("2014 yılında", "2014")]),
    ];
    assert!(rows.len() >= 60);
    check(Language::Turkish, rows);
}

/// A transcript as users bring it, written to a temporary folder.
fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn refrain_timeline_lists_russian_and_turkish_mentions_of_tagged_and_untagged_files() {
    let dir = tempfile::tempdir().unwrap();
    // Tagged, in the sample transcripts' header format.
    write(
        dir.path(),
        "ru.txt",
        "Title: Выступление\nSpeaker: Елена Варга\nDate: 10 февраля 2023 12:00\nLang: ru-RU\n\n\
         Три года назад мы предложили этот формат. В сентябре 2016 года он заработал. \
         В прошлом году к нему присоединились новые страны.\n",
    );
    write(
        dir.path(),
        "tr.md",
        "---\ntitle: \"Konuşma\"\ndate: 2 Haziran 2023\nlang: tr-TR\n---\n\n\
         Üç yıl önce bu formatı önerdik. Eylül 2016'da çalışmaya başladı. Geçen yıl yeni ülkeler katıldı.\n",
    );
    // Untagged: the letters tell the language.
    write(
        dir.path(),
        "2023-03-01-untagged.txt",
        "Dün Ankara'da görüştük. Geçen hafta İstanbul'daydık. Bölgede yeni bir güven mimarisine ihtiyacımız var.\n",
    );
    let out = refrain(&["timeline".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut mentions: Vec<(String, String, String)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "mention")
        .map(|e| {
            let date = e["date"].as_str().unwrap().to_string();
            (date, e["precision"].as_str().unwrap().to_string(), e["title"].as_str().unwrap().to_string())
        })
        .collect();
    mentions.sort();
    let want = [
        ("2016-09", "month", "Eylül 2016'da"),
        ("2016-09", "month", "сентябре 2016 года"),
        ("2020", "year", "Üç yıl önce"),
        ("2020", "year", "Три года назад"),
        ("2022", "year", "Geçen yıl"),
        ("2022", "year", "В прошлом году"),
        ("2023-02-22", "day", "Geçen hafta"),
        ("2023-02-28", "day", "Dün"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(d, p, t)| (d.to_string(), p.to_string(), t.to_string())).collect();
    assert_eq!(mentions, want);
}

/// English transcripts (SOTU: untagged, in Latin letters) are read by the
/// English rules alone, exactly as `find_mentions` reads them.
#[test]
fn english_transcripts_keep_their_mentions() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = sotu_speeches(&corpus);
    assert_eq!(speeches.len(), 249);
    let mut total = 0;
    for t in &speeches {
        let language = refrain::core::timeline::mentions::rules_language(t);
        assert!(!matches!(language, Language::Russian | Language::Turkish), "{}: {language:?}", t.path.display());
        let found = transcript_mentions(t);
        assert_eq!(found, find_mentions(&t.body, t.date.as_ref()), "{}", t.path.display());
        assert!(found.iter().all(|m| m.end.is_none()));
        total += found.len();
    }
    assert!(total > 4000, "{total}");
}
