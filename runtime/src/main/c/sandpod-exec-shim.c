/*
 * sandpod-exec-shim: runs `runc exec --detach` and waits for the command it started, as its subreaper.
 *
 * usage: sandpod-exec-shim [--console-socket SOCKET] PIDFILE RUNTIME [ARGS...]
 *
 * A non-detached `runc exec` copies the command's output through pipes of its own and waits for them to close,
 * so a background child that keeps them open (`server &`) hangs the exec. Detached, runc hands the command this
 * process's own stdio and returns once it has started; the command is then reparented to this process (a child
 * subreaper), which reaps it and exits with its status at once, whoever still holds the pipes.
 *
 * With --console-socket (the command has a terminal: the runtime's args carry the same socket), this process
 * listens on SOCKET, takes the terminal's master from the runtime, and copies its stdin to the terminal and the
 * terminal to its stdout until the command has exited (an end of stdin is passed on as ^D, the terminal's EOF).
 *
 * Exit status: the command's (128+N when killed by signal N); if the runtime itself failed, the runtime's, with
 * its reason in its log. 120 and up are the shim's own failures, with a message on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHIM_USAGE 120
#define SHIM_FORK 121
#define SHIM_PIDFILE 122
#define SHIM_WAIT 123
#define SHIM_CONSOLE 125
#define MAX_EARLY 64

struct reaped {
    pid_t pid;
    int status;
};

static struct reaped early[MAX_EARLY];
static int early_count = 0;

static int status_code(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return SHIM_WAIT;
}

static pid_t read_pid(const char *file) {
    FILE *f = fopen(file, "r");
    if (f == NULL) {
        return -1;
    }
    long pid = -1;
    if (fscanf(f, "%ld", &pid) != 1) {
        pid = -1;
    }
    fclose(f);
    return (pid_t) pid;
}

static int listen_on(const char *path) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(addr.sun_path)) {
        fprintf(stderr, "sandpod-exec-shim: console socket path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *) &addr, sizeof(addr)) != 0 || listen(fd, 1) != 0) {
        fprintf(stderr, "sandpod-exec-shim: can't listen on %s: %s\n", path, strerror(errno));
        return -1;
    }
    return fd;
}

/* The terminal master the runtime sent over the console socket (SCM_RIGHTS), or -1. */
static int receive_master(int listener) {
    int conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) {
        return -1;
    }
    char name[4096];
    struct iovec iov = {.iov_base = name, .iov_len = sizeof(name)};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                         .msg_controllen = sizeof(control.buf)};
    int fd = -1;
    if (recvmsg(conn, &msg, MSG_CMSG_CLOEXEC) >= 0) {
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (c != NULL && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            memcpy(&fd, CMSG_DATA(c), sizeof(int));
        }
    }
    close(conn);
    return fd;
}

static int write_all(int fd, const char *buf, ssize_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        buf += w;
        n -= w;
    }
    return 0;
}

/* Reaps what has exited; returns the command's status code once it is among them, else -1. */
static int reap(pid_t command, int block) {
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, block ? 0 : WNOHANG);
        if (pid < 0 && errno == EINTR) {
            continue;
        }
        if (pid <= 0) {
            return -1;
        }
        if (pid == command) {
            return status_code(status);
        }
    }
}

/* Copies stdin to the terminal and the terminal to stdout until the command exits; returns its status code. */
static int relay(int master, pid_t command, int sigchld) {
    int stdin_open = 1;
    char buf[65536];
    int code = reap(command, 0);
    while (code < 0) {
        struct pollfd fds[3] = {{.fd = master, .events = POLLIN}, {.fd = sigchld, .events = POLLIN},
                                {.fd = stdin_open ? 0 : -1, .events = POLLIN}};
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(master, buf, sizeof(buf));
            if (n > 0) {
                write_all(1, buf, n);
            } else if (n < 0 && errno != EINTR && errno != EAGAIN) {
                code = reap(command, 1); /* EIO: every holder of the terminal is gone */
                break;
            }
        }
        if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(0, buf, sizeof(buf));
            if (n > 0) {
                write_all(master, buf, n);
            } else if (n == 0 || (n < 0 && errno != EINTR)) {
                stdin_open = 0;
                write_all(master, "\004", 1);
            }
        }
        if (fds[1].revents & POLLIN) {
            struct signalfd_siginfo info;
            if (read(sigchld, &info, sizeof(info)) < 0 && errno != EAGAIN) {
                break;
            }
            code = reap(command, 0);
        }
    }
    /* what the command wrote just before it exited; background holders are left to it */
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    ssize_t n;
    while ((n = read(master, buf, sizeof(buf))) > 0) {
        write_all(1, buf, n);
    }
    return code < 0 ? SHIM_WAIT : code;
}

int main(int argc, char **argv) {
    const char *console = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--console-socket") == 0) {
        console = argv[2];
        first = 3;
    }
    if (argc < first + 2) {
        fprintf(stderr, "usage: sandpod-exec-shim [--console-socket SOCKET] PIDFILE RUNTIME [ARGS...]\n");
        return SHIM_USAGE;
    }
    const char *pidfile = argv[first];
    char **runtime_argv = &argv[first + 1];
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
        fprintf(stderr, "sandpod-exec-shim: can't become a subreaper: %s\n", strerror(errno));
        return SHIM_FORK;
    }
    int listener = -1;
    int sigchld = -1;
    if (console != NULL) {
        listener = listen_on(console);
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGCHLD);
        sigprocmask(SIG_BLOCK, &mask, NULL);
        sigchld = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
        if (listener < 0 || sigchld < 0) {
            return SHIM_CONSOLE;
        }
    }
    pid_t runtime = fork();
    if (runtime < 0) {
        fprintf(stderr, "sandpod-exec-shim: fork: %s\n", strerror(errno));
        return SHIM_FORK;
    }
    if (runtime == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execv(runtime_argv[0], runtime_argv);
        fprintf(stderr, "sandpod-exec-shim: can't run %s: %s\n", runtime_argv[0], strerror(errno));
        _exit(SHIM_FORK);
    }
    /* The command may exit (and be reaped here) before the runtime has returned and its pid is known. */
    pid_t command = -1;
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) {
                continue;
            }
            fprintf(stderr, "sandpod-exec-shim: the command was never seen to exit: %s\n", strerror(errno));
            return SHIM_WAIT;
        }
        if (pid == runtime) {
            int code = status_code(status);
            if (code != 0) {
                return code;
            }
            command = read_pid(pidfile);
            if (command <= 0) {
                fprintf(stderr, "sandpod-exec-shim: no pid in %s\n", pidfile);
                return SHIM_PIDFILE;
            }
            for (int i = 0; i < early_count; i++) {
                if (early[i].pid == command) {
                    if (console == NULL) {
                        return status_code(early[i].status);
                    }
                    int master = receive_master(listener);
                    if (master >= 0) {
                        fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
                        char buf[65536];
                        ssize_t n;
                        while ((n = read(master, buf, sizeof(buf))) > 0) {
                            write_all(1, buf, n);
                        }
                    }
                    return status_code(early[i].status);
                }
            }
            if (console != NULL) {
                int master = receive_master(listener);
                close(listener);
                unlink(console);
                if (master < 0) {
                    fprintf(stderr, "sandpod-exec-shim: the runtime sent no terminal\n");
                    return SHIM_CONSOLE;
                }
                return relay(master, command, sigchld);
            }
            continue;
        }
        if (pid == command) {
            return status_code(status);
        }
        if (command < 0 && early_count < MAX_EARLY) {
            early[early_count].pid = pid;
            early[early_count].status = status;
            early_count++;
        }
    }
}
