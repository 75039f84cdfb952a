// A line-based echo server on Boost.Asio, with the bookkeeping an assistant
// adds around it.
#include <boost/asio.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

using boost::asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
public:
  explicit Session(tcp::socket Socket) : Socket(std::move(Socket)) {}

  void start() { readLine(); }

private:
  void readLine() {
    auto Self = shared_from_this();
    boost::asio::async_read_until(
        Socket, Buffer, '\n',
        [this, Self](boost::system::error_code Error, std::size_t Length) {
          if (Error)
            return;
          std::string Line(boost::asio::buffers_begin(Buffer.data()),
                           boost::asio::buffers_begin(Buffer.data()) + Length);
          Buffer.consume(Length);
          Pending.push_back(Line);
          flush();
        });
  }

  void flush() {
    while (!Pending.empty()) {
      boost::system::error_code Error;
      boost::asio::write(Socket, boost::asio::buffer(Pending.front()), Error);
      Pending.erase(Pending.begin());
      if (Error)
        return;
    }
    readLine();
  }

  tcp::socket Socket;
  boost::asio::streambuf Buffer;
  std::vector<std::string> Pending;
};

class Server {
public:
  Server(boost::asio::io_context &Io, unsigned short Port)
      : Acceptor(Io, tcp::endpoint(tcp::v4(), Port)) {
    accept();
  }

private:
  void accept() {
    Acceptor.async_accept([this](boost::system::error_code Error,
                                 tcp::socket Socket) {
      if (!Error) {
        auto Peer = Socket.remote_endpoint().address().to_string();
        ++Connections[Peer];
        std::make_shared<Session>(std::move(Socket))->start();
      }
      accept();
    });
  }

  tcp::acceptor Acceptor;
  std::map<std::string, int> Connections;
};

int main() {
  boost::asio::io_context Io;
  Server S(Io, 7000);
  Io.run();
}
