// Mock of gRPC C++ for vibeguard's checker tests.
#ifndef VIBEGUARD_MOCK_GRPCPP_H
#define VIBEGUARD_MOCK_GRPCPP_H
namespace grpc {
class Status {
public:
  bool ok() const;
};
class ClientContext {
public:
  ClientContext();
};
} // namespace grpc
#endif
