"""A generic client that knows nothing of the personnel protos: it learns
the API through server reflection (grpc.reflection.v1alpha), builds message
classes from the descriptors it receives and calls the service with them."""

import unittest

import harness
from harness import grpc, reflection_pb2, reflection_pb2_grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SERVICE = "lawenforce.personnel.v1.PersonnelService"


def message_class(pool, full_name):
    desc = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


class ReflectionClient:
    """Speaks ServerReflectionInfo on one bidirectional stream per question."""

    def __init__(self, channel, timeout):
        self.stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        self.timeout = timeout

    def ask(self, **request_fields):
        responses = list(self.stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(**request_fields)]),
            timeout=self.timeout))
        assert len(responses) == 1, responses
        resp = responses[0]
        if resp.HasField("error_response"):
            raise LookupError("%d %s" % (resp.error_response.error_code,
                                         resp.error_response.error_message))
        return resp

    def list_services(self):
        resp = self.ask(list_services="*")
        return sorted(s.name for s in resp.list_services_response.service)

    def file_descriptors(self, **request_fields):
        resp = self.ask(**request_fields)
        out = []
        for raw in resp.file_descriptor_response.file_descriptor_proto:
            out.append(descriptor_pb2.FileDescriptorProto.FromString(raw))
        return out

    def pool_for_symbol(self, symbol):
        """A fresh DescriptorPool holding the file that defines `symbol` and
        every file it imports, fetched on demand."""
        files = {}
        for fdp in self.file_descriptors(file_containing_symbol=symbol):
            files[fdp.name] = fdp
        pool = descriptor_pool.DescriptorPool()
        added = set()

        def add(name, depth=0):
            if name in added:
                return
            if depth > 50:
                raise RuntimeError("import cycle at " + name)
            if name not in files:
                for fdp in self.file_descriptors(file_by_filename=name):
                    files.setdefault(fdp.name, fdp)
            fdp = files[name]
            for dep in fdp.dependency:
                add(dep, depth + 1)
            pool.Add(fdp)
            added.add(name)

        root = [f for f in files.values()
                if any(symbol == "%s.%s" % (f.package, s.name) for s in f.service)]
        assert root, "no file defines %s among %s" % (symbol, list(files))
        add(root[0].name)
        return pool


class ReflectionTest(harness.ServiceTestCase):

    def setUp(self):
        self.channel = self.service.channel()
        self.client = ReflectionClient(self.channel, timeout=10 * harness.SLOW_FACTOR)

    def unary(self, pool, method_name):
        method = pool.FindServiceByName(SERVICE).methods_by_name[method_name]
        req_cls = message_class(pool, method.input_type.full_name)
        resp_cls = message_class(pool, method.output_type.full_name)
        call = self.channel.unary_unary(
            "/%s/%s" % (SERVICE, method_name),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=resp_cls.FromString)
        return req_cls, call

    def test_lists_services(self):
        services = self.client.list_services()
        self.assertIn(SERVICE, services)
        self.assertIn("grpc.health.v1.Health", services)

    def test_calls_the_service_with_reflected_types_only(self):
        pool = self.client.pool_for_symbol(SERVICE)
        self.assertIsNot(pool, descriptor_pool.Default())
        service = pool.FindServiceByName(SERVICE)
        for name in ("CreateAgency", "GetAgency", "CheckEnforcementEligibility"):
            self.assertIn(name, service.methods_by_name)

        get_req, get_agency = self.unary(pool, "GetAgency")
        with self.assertRaises(grpc.RpcError) as ctx:
            get_agency(get_req(id="00000000-0000-4000-8000-000000000000"),
                       timeout=10 * harness.SLOW_FACTOR)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.UNAUTHENTICATED)

        create_req, create_agency = self.unary(pool, "CreateAgency")
        request = create_req(request_id="reflection-agency-1")
        request.agency.name = "利通区城市管理综合执法局"
        request.agency.division_code = "640302"
        request.agency.domains.append("urban_management")
        agency = create_agency(request, metadata=harness.auth(self.token),
                               timeout=10 * harness.SLOW_FACTOR)
        self.assertEqual(type(agency).DESCRIPTOR.full_name, "lawenforce.personnel.v1.Agency")
        self.assertTrue(agency.id)
        self.assertEqual(agency.division_code, "640302")
        tier_enum = pool.FindEnumTypeByName("lawenforce.common.v1.Tier")
        self.assertEqual(tier_enum.values_by_number[agency.tier].name, "TIER_COUNTY")

        got = get_agency(get_req(id=agency.id), metadata=harness.auth(self.token),
                         timeout=10 * harness.SLOW_FACTOR)
        self.assertEqual(got.name, "利通区城市管理综合执法局")

    def test_unknown_symbol_is_an_error_response(self):
        with self.assertRaises(LookupError):
            self.client.ask(file_containing_symbol="no.such.Service")


if __name__ == "__main__":
    unittest.main()
