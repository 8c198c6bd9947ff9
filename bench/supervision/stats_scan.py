#!/usr/bin/env python3
"""How long GetSupervisionStatistics and a ListComplaints page take as the
complaints of a period grow (docs/benchmarks.md section 5). It drives the
real binaries (personnel, case, supervision on SQLite with Redis) through
the black-box harness: submits N web complaints about one agency from a
thread pool, then times each read R times and prints p50/p99 in ms, with
the ceiling of the same stack: the same client's GetAgency on
personnel-service (one indexed row), measured in the same run.

  /usr/bin/python3 bench/supervision/stats_scan.py [N ...]   (default 1000 5000)
"""

import concurrent.futures
import datetime
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "blackbox"))
import harness  # noqa: E402

sv_pb, sv_grpc = harness.modules("supervision")
pe_pb, pe_grpc = harness.modules("personnel")
REPEATS = 30


def timed(fn, repeats=REPEATS):
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000.0)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.99 * len(samples)))]


def main(sizes):
    token = harness.mint_token(roles=("supervisor", "system"), division="640000")
    md = harness.auth(token)
    stack = harness.Stack.started(["personnel", "case", "supervision"])
    try:
        personnel = stack.stub("personnel")
        supervision = stack.stub("supervision")
        agency = personnel.CreateAgency(
            pe_pb.CreateAgencyRequest(agency=pe_pb.Agency(
                name="基准测试执法局", division_code="640104", domains=["urban_management"])),
            metadata=md)
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
        stats_req = sv_pb.GetSupervisionStatisticsRequest(
            division_code="640100", start_date=harness.date(today.year, 1, 1),
            end_date=harness.date(today.year, 12, 31))
        page_req = sv_pb.ListComplaintsRequest(division_code="640100", page_size=50)
        ceiling = timed(lambda: personnel.GetAgency(pe_pb.GetAgencyRequest(id=agency.id),
                                                    metadata=md))
        print(f"ceiling GetAgency: p50 {ceiling[0]:.2f} ms p99 {ceiling[1]:.2f} ms")
        submitted = 0

        def submit(i):
            supervision.SubmitComplaint(sv_pb.SubmitComplaintRequest(complaint=sv_pb.ComplaintDraft(
                channel=sv_pb.CHANNEL_WEB, category=sv_pb.CATEGORY_CONDUCT,
                content=f"基准投诉 {i}", agency_id=agency.id,
                complainant=sv_pb.Complainant(kind=sv_pb.COMPLAINANT_KIND_PERSON,
                                              phone="13900000000"))), metadata=md, timeout=30)

        for n in sizes:
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(submit, range(submitted, n)))
            rate = (n - submitted) / (time.perf_counter() - start)
            submitted = n
            stats = timed(lambda: supervision.GetSupervisionStatistics(stats_req, metadata=md,
                                                                       timeout=60), 10)
            page = timed(lambda: supervision.ListComplaints(page_req, metadata=md))
            ratio = ceiling[0] / stats[0]
            print(f"N={n}: submit {rate:.0f}/s (8 threads); statistics p50 {stats[0]:.1f} ms "
                  f"p99 {stats[1]:.1f} ms ({ratio:.4f}x the ceiling); list page p50 "
                  f"{page[0]:.2f} ms p99 {page[1]:.2f} ms ({ceiling[0] / page[0]:.2f}x)",
                  flush=True)
    finally:
        stack.cleanup()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
