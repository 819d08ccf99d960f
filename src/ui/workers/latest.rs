//! A background thread for work where only the newest request matters (the
//! phrases of the corpus and settings now shown, the results of the query
//! now typed): requests that arrive while it works are taken together and
//! answered once, so a burst of changes costs one computation, not one each.
//! The indexer and the search each run one.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// Why a request got no answer of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unanswered {
    /// A newer request arrived before work on this one began; the answer to
    /// the newer one covers both.
    #[error("a newer request took its place")]
    Superseded,
    /// The work found that the last answer given still stands.
    #[error("the last answer still stands")]
    Unchanged,
    /// The thread stopped (it could not start, or it panicked) before
    /// answering.
    #[error("the background thread stopped")]
    Stopped,
}

/// What the thread sends back for one batch of requests.
struct Reply<T> {
    /// Requests of the batch before its newest one.
    superseded: usize,
    /// The answer to the newest one; `None` when the last answer stands.
    answer: Option<T>,
}

/// A thread answering requests `Q` with `T`, newest first. Dropping it
/// stops the thread once the work in progress is done.
pub struct Latest<Q, T> {
    tx: Sender<Q>,
    rx: Receiver<Reply<T>>,
    /// Requests sent and not yet answered.
    pending: usize,
}

impl<Q: Send + 'static, T: Send + 'static> Latest<Q, T> {
    /// Starts the thread, named `name`. `work` gets each batch of requests
    /// that arrived together, oldest first, and answers the newest (`None`
    /// when the last answer still stands); it keeps whatever state it needs
    /// between batches. `wake` is called after each answer, so the window
    /// repaints.
    pub fn start(
        name: &str,
        mut work: impl FnMut(Vec<Q>) -> Option<T> + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (tx, requests) = channel::<Q>();
        let (replies, rx) = channel();
        // A thread that cannot start drops both channel ends: every request
        // is then answered `Stopped`.
        let _ = super::priority::spawn(name, move || {
            while let Ok(first) = requests.recv() {
                let mut batch = vec![first];
                batch.extend(requests.try_iter());
                let superseded = batch.len() - 1;
                let answer = work(batch);
                if replies.send(Reply { superseded, answer }).is_err() {
                    return; // nobody is listening any more
                }
                wake();
            }
        });
        Latest { tx, rx, pending: 0 }
    }

    /// Asks for work; the answer comes from [`Latest::poll`] or [`Latest::wait`].
    pub fn send(&mut self, request: Q) {
        // Counted even when the thread is gone, so it is answered `Stopped`.
        let _ = self.tx.send(request);
        self.pending += 1;
    }

    /// True while a request is not answered yet.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// The outcome of each request answered since the last call, in the
    /// order they were sent; never waits.
    pub fn poll(&mut self) -> Vec<Result<T, Unanswered>> {
        let mut outcomes = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(reply) => self.take(reply, &mut outcomes),
                Err(TryRecvError::Empty) => return outcomes,
                Err(TryRecvError::Disconnected) => {
                    self.stopped(&mut outcomes);
                    return outcomes;
                }
            }
        }
    }

    /// Like [`Latest::poll`], after waiting until every request is answered
    /// (tests and screenshots).
    pub fn wait(&mut self) -> Vec<Result<T, Unanswered>> {
        let mut outcomes = Vec::new();
        while self.pending > 0 {
            match self.rx.recv() {
                Ok(reply) => self.take(reply, &mut outcomes),
                Err(_) => self.stopped(&mut outcomes),
            }
        }
        outcomes
    }

    fn take(&mut self, reply: Reply<T>, outcomes: &mut Vec<Result<T, Unanswered>>) {
        self.pending = self.pending.saturating_sub(reply.superseded + 1);
        outcomes.extend((0..reply.superseded).map(|_| Err(Unanswered::Superseded)));
        outcomes.push(reply.answer.ok_or(Unanswered::Unchanged));
    }

    /// The thread is gone: whatever was pending will not be answered.
    fn stopped(&mut self, outcomes: &mut Vec<Result<T, Unanswered>>) {
        outcomes.extend((0..self.pending).map(|_| Err(Unanswered::Stopped)));
        self.pending = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    const PATIENCE: Duration = Duration::from_secs(10);

    /// A worker answering each batch with its newest request, which waits
    /// for the test: it tells each batch it takes, then works until `go`.
    /// A batch whose newest request is 0 leaves the last answer standing.
    fn stepped() -> (Latest<u32, u32>, Receiver<Vec<u32>>, Sender<()>) {
        let (taken_tx, taken) = channel();
        let (go, go_rx) = channel();
        let worker = Latest::start(
            "test-latest",
            move |batch: Vec<u32>| {
                let newest = batch.last().copied().filter(|&n| n > 0);
                let _ = taken_tx.send(batch);
                let _ = go_rx.recv();
                newest
            },
            || {},
        );
        (worker, taken, go)
    }

    #[test]
    fn the_newest_request_sent_during_work_is_answered_and_the_others_superseded() {
        let (mut worker, taken, go) = stepped();
        worker.send(1);
        assert_eq!(taken.recv_timeout(PATIENCE), Ok(vec![1]));
        // Sent while the thread works on 1.
        worker.send(2);
        worker.send(3);
        worker.send(4);
        assert!(worker.busy());
        go.send(()).unwrap();
        assert_eq!(taken.recv_timeout(PATIENCE), Ok(vec![2, 3, 4]), "taken together");
        go.send(()).unwrap();
        let outcomes = worker.wait();
        assert_eq!(outcomes, vec![Ok(1), Err(Unanswered::Superseded), Err(Unanswered::Superseded), Ok(4)]);
        assert!(!worker.busy());
        assert_eq!(worker.poll(), vec![]);
    }

    #[test]
    fn poll_never_waits_and_reports_each_answer_once() {
        let (mut worker, taken, go) = stepped();
        assert_eq!(worker.poll(), vec![]);
        worker.send(5);
        assert_eq!(taken.recv_timeout(PATIENCE), Ok(vec![5]));
        assert_eq!(worker.poll(), vec![], "still working");
        go.send(()).unwrap();
        let mut outcomes = Vec::new();
        while worker.busy() {
            outcomes.extend(worker.poll());
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(outcomes, vec![Ok(5)]);
    }

    #[test]
    fn a_batch_with_no_new_answer_is_reported_unchanged() {
        let (mut worker, _taken, go) = stepped();
        go.send(()).unwrap();
        worker.send(0);
        assert_eq!(worker.wait(), vec![Err(Unanswered::Unchanged)]);
    }

    #[test]
    fn requests_to_a_stopped_thread_are_reported_stopped() {
        let mut worker: Latest<u32, u32> = Latest::start("test-latest", |_| panic!("the work fails"), || {});
        worker.send(1);
        assert_eq!(worker.wait(), vec![Err(Unanswered::Stopped)]);
        assert!(!worker.busy());
        // Sent after the thread ended: still answered, once.
        worker.send(2);
        assert_eq!(worker.poll(), vec![Err(Unanswered::Stopped)]);
        assert_eq!(worker.poll(), vec![]);
    }

    #[test]
    fn dropping_the_worker_stops_its_thread() {
        let (mut worker, taken, go) = stepped();
        go.send(()).unwrap();
        worker.send(1);
        assert_eq!(worker.wait(), vec![Ok(1)]);
        drop(worker);
        // The thread ended: its work, holding the other end, is dropped.
        assert_eq!(taken.recv_timeout(PATIENCE), Ok(vec![1]));
        assert_eq!(taken.recv_timeout(PATIENCE), Err(RecvTimeoutError::Disconnected));
    }
}
