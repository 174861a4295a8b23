#include "textflag.h"
#include "go_asm.h"

// The child of clone3Run shares our memory and runs on a stack of its own,
// where no Go code may run: it walks its childProg here, with raw system
// calls only, as runChild does in a forked child.

#define SYS_write	1
#define SYS_exit_group	231
#define SYS_clone3	435

// func clone3Run(args *cloneArgs, size uintptr, prog *childProg) (pid uintptr, errno uintptr)
TEXT ·clone3Run(SB),NOSPLIT|NOFRAME,$0-40
	MOVQ	args+0(FP), DI
	MOVQ	size+8(FP), SI
	MOVQ	prog+16(FP), R12
	MOVL	$SYS_clone3, AX
	SYSCALL
	CMPQ	AX, $0
	JEQ	child
	CMPQ	AX, $0xfffffffffffff001
	JLS	parent
	MOVQ	$0, pid+24(FP)
	NEGQ	AX
	MOVQ	AX, errno+32(FP)
	RET
parent:
	MOVQ	AX, pid+24(FP)
	MOVQ	$0, errno+32(FP)
	RET

	// The child: R12 the program, R13 the call, R14 the calls left, BX
	// the last call's result. The kernel keeps them across SYSCALL.
child:
	MOVQ	childProg_ops(R12), R13
	MOVQ	childProg_n(R12), R14
	XORL	BX, BX
loop:
	TESTQ	R14, R14
	JEQ	exit
	MOVQ	childOp_args(R13), DI
	MOVQ	childOp_flags(R13), R11
	TESTQ	$const_opArg0FromLast, R11
	JEQ	call
	MOVQ	BX, DI
call:
	MOVQ	childOp_args+8(R13), SI
	MOVQ	childOp_args+16(R13), DX
	MOVQ	childOp_args+24(R13), R10
	MOVQ	childOp_args+32(R13), R8
	MOVQ	childOp_args+40(R13), R9
	MOVQ	childOp_nr(R13), AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JHI	failed
	MOVQ	childOp_flags(R13), R11
	TESTQ	$const_opWant, R11
	JEQ	next
	CMPQ	AX, childOp_want(R13)
	JEQ	next
	XORL	AX, AX // a wrong result, errno 0
	JMP	report
next:
	MOVQ	AX, BX
	ADDQ	$childOp__size, R13
	DECQ	R14
	JMP	loop
failed:
	NEGQ	AX
report:
	MOVQ	childOp_report(R13), DI
	CMPQ	DI, $-1
	JEQ	exit
	MOVQ	childOp_step(R13), SI
	MOVL	SI, childProg_report(R12)
	MOVL	AX, childProg_report+4(R12)
	LEAQ	childProg_report(R12), SI
	MOVL	$8, DX
	MOVL	$SYS_write, AX
	SYSCALL
exit:
	MOVL	$127, DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	JMP	exit
