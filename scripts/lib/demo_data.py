#!/usr/bin/python3
"""Loads a small demo data set into personnel-service, idempotently.

Every create carries a fixed request_id, so running this again returns the
records made the first time instead of duplicating them (docs/api.md 1.7).

  demo_data.py --personnel-target 127.0.0.1:50051 --secret-file var/secrets/jwt-secret \
               --stubs DIR
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import devstack  # noqa: E402

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(first17):
    """GB 11643 resident identity-card number: 17 digits + check character."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return first17 + CHECK[total % 11]


AGENCIES = [
    # key, name, division, domains, require_training
    ("xingqing-market", "兴庆区市场监督管理局", "640104", ["market_regulation", "food_safety"], False),
    ("litong-urban", "利通区城市管理综合执法局", "640302", ["urban_management"], False),
    ("yinchuan-eco", "银川市生态环境局", "640100", ["ecological_environment"], True),
]

OFFICERS = [
    # key, agency key, name, first 17 id digits, roles
    ("ma-li", "xingqing-market", "马丽", "64010419850312004", ["OFFICER", "LEGAL_REVIEWER"]),
    ("zhang-wei", "xingqing-market", "张伟", "64010419900728003", ["OFFICER"]),
    ("li-na", "xingqing-market", "李娜", "64010419921105002", ["OFFICER"]),
    ("wang-qiang", "litong-urban", "王强", "64030219880214001", ["OFFICER"]),
    ("liu-yang", "litong-urban", "刘洋", "64030219930630005", ["OFFICER", "LEGAL_REVIEWER"]),
    ("chen-jing", "yinchuan-eco", "陈静", "64010019870919006", ["OFFICER", "SUPERVISOR"]),
]

CERTIFICATES = [
    # key, officer key, number, domains
    ("ma-li", "ma-li", "NX-640104-0001", ["market_regulation", "food_safety"]),
    ("zhang-wei", "zhang-wei", "NX-640104-0002", ["market_regulation"]),
    ("li-na", "li-na", "NX-640104-0003", ["food_safety"]),
    ("wang-qiang", "wang-qiang", "NX-640302-0001", ["urban_management"]),
    ("liu-yang", "liu-yang", "NX-640302-0002", ["urban_management"]),
    ("chen-jing", "chen-jing", "NX-640100-0001", ["ecological_environment"]),
]

TRAINING = [
    # key, officer key, hours per day, days, category, course, provider.
    # Dated on consecutive days ending yesterday (at most 8 hours a day, the
    # service's daily bound), so every record falls in a year still open.
    ("ma-li-1", "ma-li", 8.0, 3, "PUBLIC_LEGAL_KNOWLEDGE", "行政处罚法解读", "自治区司法厅"),
    ("ma-li-2", "ma-li", 8.0, 3, "BUSINESS_KNOWLEDGE", "市场监管业务培训", "自治区市场监管厅"),
    ("ma-li-3", "ma-li", 8.0, 2, "ENFORCEMENT_SKILLS", "执法文书制作", "银川市司法局"),
    ("zhang-wei-1", "zhang-wei", 6.5, 2, "PUBLIC_LEGAL_KNOWLEDGE", "行政处罚法解读", "自治区司法厅"),
    ("wang-qiang-1", "wang-qiang", 8.0, 1, "ENFORCEMENT_SKILLS", "城管执法规范", "吴忠市司法局"),
    ("chen-jing-1", "chen-jing", 8.0, 3, "BUSINESS_KNOWLEDGE", "生态环境执法实务", "自治区生态环境厅"),
    ("chen-jing-2", "chen-jing", 8.0, 3, "ENFORCEMENT_SKILLS", "现场检查与取证", "自治区生态环境厅"),
    ("chen-jing-3", "chen-jing", 8.0, 2, "PUBLIC_LEGAL_KNOWLEDGE", "行政复议法", "自治区司法厅"),
    ("chen-jing-4", "chen-jing", 4.0, 1, "POLITICAL_THEORY", "理论学习", "银川市委党校"),
]


def training_days(today, count, start):
    """`count` days ending `start` days before `today` (China time), newest first."""
    import datetime
    return [today - datetime.timedelta(days=start + i) for i in range(count)]

# Certificates shown suspended in the demo (only moved when still ACTIVE).
SUSPEND = {"li-na": "立案调查期间暂扣"}


def load(target, token, out=print):
    import grpc
    from lawenforce.common.v1 import common_pb2
    from lawenforce.personnel.v1 import personnel_pb2 as pb
    from lawenforce.personnel.v1 import personnel_pb2_grpc as pb_grpc

    metadata = (("authorization", "Bearer " + token),)
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.PersonnelServiceStub(channel)

        def call(method, request):
            return getattr(stub, method)(request, metadata=metadata, timeout=10)

        agencies = {}
        for key, name, division, domains, require_training in AGENCIES:
            a = call("CreateAgency", pb.CreateAgencyRequest(
                request_id="demo-agency-" + key,
                agency=pb.Agency(name=name, division_code=division, domains=domains,
                                 require_training_for_eligibility=require_training)))
            agencies[key] = a
            out("agency       %s  %s %s" % (a.id, a.division_code, a.name))

        officers = {}
        for key, agency_key, name, first17, roles in OFFICERS:
            o = call("CreateOfficer", pb.CreateOfficerRequest(
                request_id="demo-officer-" + key,
                officer=pb.Officer(agency_id=agencies[agency_key].id, name=name,
                                   id_number=id_number(first17),
                                   roles=[pb.OfficerRole.Value("OFFICER_ROLE_" + r)
                                          for r in roles])))
            officers[key] = o
            out("officer      %s  %s %s %s" % (o.id, o.division_code, o.name,
                                               "+".join(r.lower() for r in roles)))

        for key, officer_key, number, domains in CERTIFICATES:
            c = call("IssueCertificate", pb.IssueCertificateRequest(
                request_id="demo-certificate-" + key,
                certificate=pb.Certificate(
                    number=number, officer_id=officers[officer_key].id,
                    kind=pb.CERTIFICATE_KIND_ENFORCEMENT, domains=domains,
                    valid_from=common_pb2.Date(year=2025, month=1, day=1),
                    valid_until=common_pb2.Date(year=2030, month=12, day=31))))
            if key in SUSPEND and c.state == pb.CERTIFICATE_STATE_ACTIVE:
                c = call("SuspendCertificate", pb.TransitionCertificateRequest(
                    id=c.id, reason=SUSPEND[key], etag=c.etag))
            out("certificate  %s  %s %s" % (c.id, c.number,
                                            pb.CertificateState.Name(c.state)))

        import datetime
        today = (datetime.datetime.now(datetime.timezone.utc)
                 + datetime.timedelta(hours=8)).date()
        hours = 0.0
        records = 0
        next_day = {}  # per officer: the next day back still free
        for key, officer_key, h, days, category, course, provider in TRAINING:
            start = next_day.get(officer_key, 1)  # each record on days of its own
            for i, day in enumerate(training_days(today, days, start)):
                r = call("RecordTraining", pb.RecordTrainingRequest(
                    request_id="demo-training-%s-%d" % (key, i),
                    record=pb.TrainingRecord(
                        officer_id=officers[officer_key].id, hours=h,
                        category=pb.TrainingCategory.Value("TRAINING_CATEGORY_" + category),
                        course=course,
                        date=common_pb2.Date(year=day.year, month=day.month, day=day.day),
                        provider=provider)))
                hours += r.hours
                records += 1
            next_day[officer_key] = start + days
        out("training     %d records, %.1f hours" % (records, hours))

        a = call("RecordAssessment", pb.RecordAssessmentRequest(
            request_id="demo-assessment-ma-li-%d" % (today.year - 1),
            assessment=pb.Assessment(officer_id=officers["ma-li"].id, year=today.year - 1,
                                     result=pb.ASSESSMENT_RESULT_EXCELLENT)))
        out("assessment   %s  %s %d %s" % (a.id, officers["ma-li"].name, a.year,
                                           pb.AssessmentResult.Name(a.result)))
    return agencies, officers


def main(argv):
    parser = argparse.ArgumentParser(prog="demo_data.py")
    # One --<service>-target per running service (scripts/up passes them all);
    # the data of a service that is not running is skipped.
    for spec in devstack.load_services():
        parser.add_argument("--%s-target" % spec["name"], dest="%s_target" % spec["name"])
    parser.add_argument("--target", dest="personnel_target", help=argparse.SUPPRESS)
    parser.add_argument("--secret-file", required=True)
    parser.add_argument("--stubs", help="directory for generated stubs (default: a temp dir)")
    args = parser.parse_args(argv)

    stubs = args.stubs or tempfile.mkdtemp(prefix="lawenforce-stubs-")
    devstack.gen_stubs(os.path.abspath(stubs))
    token = devstack.mint_token(devstack.read_secret(args.secret_file),
                                ["supervisor", "agency_admin", "system"], "640000",
                                subject="demo-loader", ttl_seconds=600)
    import grpc
    try:
        if args.personnel_target:
            load(args.personnel_target, token)
    except grpc.RpcError as err:
        print("demo data: %s: %s" % (err.code().name, err.details()), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
