import socket


def connect(host):
    try:
        return socket.create_connection((host, 80))
    except socket.timeout, e:
        log(e)
    except (socket.error, IOError),    err:
        log(err)
    except ValueError,exc:
        log(exc)
    except EnvironmentError, (errno, message):
        log(message)
    except KeyError, self.last_error:
        pass
    except Exception as fine:
        log(fine)
    except:
        raise
