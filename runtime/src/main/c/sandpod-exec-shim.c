/*
 * sandpod-exec-shim: runs `runc exec --detach` and waits for the command it started, as its subreaper.
 *
 * usage: sandpod-exec-shim PIDFILE RUNTIME [ARGS...]
 *
 * A non-detached `runc exec` copies the command's output through pipes of its own and waits for them to close,
 * so a background child that keeps them open (`server &`) hangs the exec. Detached, runc hands the command this
 * process's own stdio and returns once it has started; the command is then reparented to this process (a child
 * subreaper), which reaps it and exits with its status at once, whoever still holds the pipes.
 *
 * Exit status: the command's (128+N when killed by signal N); if the runtime itself failed, the runtime's, with
 * its reason in its log. 120 and up are the shim's own failures, with a message on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHIM_USAGE 120
#define SHIM_FORK 121
#define SHIM_PIDFILE 122
#define SHIM_WAIT 123
#define MAX_EARLY 64

struct reaped {
    pid_t pid;
    int status;
};

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

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: sandpod-exec-shim PIDFILE RUNTIME [ARGS...]\n");
        return SHIM_USAGE;
    }
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
        fprintf(stderr, "sandpod-exec-shim: can't become a subreaper: %s\n", strerror(errno));
        return SHIM_FORK;
    }
    pid_t runtime = fork();
    if (runtime < 0) {
        fprintf(stderr, "sandpod-exec-shim: fork: %s\n", strerror(errno));
        return SHIM_FORK;
    }
    if (runtime == 0) {
        execv(argv[2], &argv[2]);
        fprintf(stderr, "sandpod-exec-shim: can't run %s: %s\n", argv[2], strerror(errno));
        _exit(SHIM_FORK);
    }
    /* The command may exit (and be reaped here) before the runtime has returned and its pid is known. */
    struct reaped early[MAX_EARLY];
    int early_count = 0;
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
            command = read_pid(argv[1]);
            if (command <= 0) {
                fprintf(stderr, "sandpod-exec-shim: no pid in %s\n", argv[1]);
                return SHIM_PIDFILE;
            }
            for (int i = 0; i < early_count; i++) {
                if (early[i].pid == command) {
                    return status_code(early[i].status);
                }
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
