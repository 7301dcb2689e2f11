/*-------------------------------------------------------------------------
 *
 * interrupts.c
 *	  Lets a query cancel, a statement timeout or a terminate reach Java
 *	  code that waits (Thread.sleep, a statement on another node).
 *
 * PostgreSQL's SIGINT and SIGTERM handlers only set flags that the backend
 * thread checks between steps; a thread blocked in Java never checks them.
 * So the runtime chains its own handler after PostgreSQL's, which writes a
 * byte to a pipe. A Java watchdog thread (Interrupts.java) blocks reading
 * that pipe and, when a pljvm call is running, interrupts the backend
 * thread and runs the cancel actions Java code registered. When Java
 * returns, the backend reports the interrupt as PostgreSQL always does.
 * statement_timeout arrives the same way: its handler sends SIGINT.
 *
 *-------------------------------------------------------------------------
 */
#include "pljvm.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "miscadmin.h"

static int	wakeup_pipe[2] = {-1, -1};
static pqsigfunc postgres_sigint = NULL;
static pqsigfunc postgres_sigterm = NULL;

static void
wake_watchdog(int signo)
{
	int			save_errno = errno;
	pqsigfunc	postgres_handler = signo == SIGINT ? postgres_sigint : postgres_sigterm;

	if (postgres_handler != SIG_IGN && postgres_handler != SIG_DFL && postgres_handler != NULL)
		postgres_handler(signo);
	if (write(wakeup_pipe[1], "!", 1) < 0)
	{
		/* the pipe is full: the watchdog has wake-ups enough */
	}
	errno = save_errno;
}

bool
pljvm_interrupt_pending(void)
{
	return InterruptPending && (QueryCancelPending || ProcDiePending);
}

/* Runs on the watchdog thread: it reads the pipe and nothing of PostgreSQL. */
static void JNICALL
native_await_interrupt(JNIEnv *env, jclass cls)
{
	char		buffer[64];

	while (read(wakeup_pipe[0], buffer, sizeof(buffer)) < 0 && errno == EINTR)
		;
}

static jboolean JNICALL
native_interrupt_pending(JNIEnv *env, jclass cls)
{
	return pljvm_interrupt_pending();
}

void
pljvm_interrupts_register_natives(void)
{
	static const JNINativeMethod methods[] = {
		{"awaitInterrupt", "()V", (void *) native_await_interrupt},
		{"interruptPending", "()Z", (void *) native_interrupt_pending},
	};

	pljvm_register_natives("org/jcitus/pljvm/Backend", methods, lengthof(methods));
}

void
pljvm_interrupts_init(void)
{
	if (pipe2(wakeup_pipe, O_CLOEXEC) != 0 ||
		fcntl(wakeup_pipe[1], F_SETFL, O_NONBLOCK) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not create the interrupt pipe of pljvm: %m")));
	postgres_sigint = pqsignal(SIGINT, wake_watchdog);
	postgres_sigterm = pqsignal(SIGTERM, wake_watchdog);
}
