/*
 * A C++ shared library with a static initializer that opens a socket, as
 * a logging or telemetry library might: it runs before any preloaded
 * library's constructor. ctor_socket_result says what it got: "OK" or the
 * errno's name.
 */
#include <cerrno>
#include <cstring>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace {

struct Connection {
	int fd;
	int error;
	Connection() : fd(socket(AF_INET, SOCK_STREAM, 0)), error(errno)
	{
	}
	~Connection()
	{
		if (fd >= 0)
			close(fd);
	}
};

Connection connection; // the static initializer

} // namespace

extern "C" const char *ctor_socket_result(void);

extern "C" const char *ctor_socket_result(void)
{
	static std::string result;

	result = connection.fd >= 0 ? "OK" : strerrorname_np(connection.error);
	return result.c_str();
}
