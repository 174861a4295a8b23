package tracer

// clone3Run starts a child with clone3(args, size) that walks prog on the
// stack args gives and never returns, and returns the child's pid or the
// errno of clone3. Assembly: launch_clone_amd64.s.
func clone3Run(args *cloneArgs, size uintptr, prog *childProg) (pid uintptr, errno uintptr)
