#!/usr/bin/env python3
"""The n-grams documents share, found by Apache Spark from `refrain shingles`.

The first pass of finding recurring phrases on a corpus larger than one
machine: each machine writes the shingles of its own documents

    refrain shingles SHARD/ -o shard-017.jsonl

and this job reads all the files, takes each document's n-gram hashes
apart (one row per document and hash), groups the rows by hash and keeps
the hashes found in at least two documents, each with its documents. Those
documents, and the n-grams they share, are what Refrain then reads in full
to merge the n-grams into phrases.

Run it with PySpark (which needs Java 17 or later):

    python3 -m venv target/spark-venv && target/spark-venv/bin/pip install pyspark
    target/spark-venv/bin/python examples/spark_shared_ngrams.py shingles.jsonl \
        --out shared-ngrams --master 'local[2]'

It prints the counts and the n-grams shared by the most documents, and with
--out writes one JSON object per shared n-gram (`hash`, `documents`: their
number, `paths`: sorted) as JSON Lines part files in that folder. The input
may be the default output (each document's distinct hashes) or the one with
--positions (every n-gram; repeats within a document count once here).
"""

import argparse
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# The fields of a `refrain shingles` line this job reads. Given rather than
# inferred: no pass over the data to guess them, and the hashes are read as
# 64-bit signed integers (LongType), exactly as Refrain writes them.
SCHEMA = T.StructType(
    [
        T.StructField("path", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("speaker", T.StringType()),
        T.StructField("words", T.LongType()),
        T.StructField("n", T.LongType()),
        T.StructField("hashes", T.ArrayType(T.LongType())),
    ]
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines files (or folders of them) from `refrain shingles`")
    parser.add_argument("--out", help="folder to write the shared n-grams to, as JSON Lines")
    parser.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    parser.add_argument("--min-documents", type=int, default=2, help="fewest documents an n-gram is shared by")
    parser.add_argument("--show", type=int, default=10, help="n-grams shared by the most documents to print")
    args = parser.parse_args()

    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("refrain-shared-ngrams")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    session = time.perf_counter() - started

    docs = spark.read.schema(SCHEMA).json(args.inputs)
    # One row per document and distinct hash.
    pairs = docs.select("path", F.explode("hashes").alias("hash")).distinct().cache()
    shared = (
        pairs.groupBy("hash")
        .agg(F.count("path").alias("documents"), F.sort_array(F.collect_list("path")).alias("paths"))
        .where(F.col("documents") >= args.min_documents)
        .cache()
    )

    counts = docs.agg(F.count("*").alias("documents"), F.sum(F.size("hashes")).alias("hashes")).first()
    distinct = pairs.select("hash").distinct().count()
    shared_count = shared.count()
    shared_pairs = shared.agg(F.sum("documents")).first()[0] or 0
    docs_sharing = shared.select(F.explode("paths")).distinct().count()

    print(f"documents:                      {counts['documents']}")
    print(f"n-gram hashes read:             {counts['hashes'] or 0}")
    print(f"distinct n-grams:               {distinct}")
    print(f"shared by >= {args.min_documents} documents:         {shared_count}")
    print(f"(n-gram, document) pairs shared: {shared_pairs}")
    print(f"documents sharing any:          {docs_sharing}")
    print("n-grams shared by the most documents (hash: documents):")
    for row in shared.orderBy(F.desc("documents"), "hash").limit(args.show).collect():
        print(f"  {row['hash']:>20}: {row['documents']}")

    if args.out:
        shared.orderBy("hash").write.mode("overwrite").json(args.out)
        print(f"wrote {args.out}")
    version = spark.version
    spark.stop()
    print(f"spark job wall time: {time.perf_counter() - started:.1f} s, of which starting Spark {session:.1f} s (Spark {version})")


if __name__ == "__main__":
    main()
