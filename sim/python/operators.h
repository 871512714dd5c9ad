// The operator enums shared by the AST, the interpreter and native objects' operator hooks.
#pragma once

namespace pipelab::py {

enum class BinaryOp { Add, Sub, Mul, MatMul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor };
enum class UnaryOp { Neg, Pos, Invert, Not };
enum class CompareOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// "+", "//", "<<" ... as Python spells them (error messages).
const char* symbol(BinaryOp op);
const char* symbol(UnaryOp op);
const char* symbol(CompareOp op);

} // namespace pipelab::py
