package moto

import "syscall"

// setDeathSignal asks the kernel to stop the child when this process dies.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
