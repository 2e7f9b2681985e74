//! `"useDefineForClassFields": false`: TypeScript's older class field
//! semantics, which much decorator-based code (legacy decorators that put
//! accessors on the prototype) depends on. An instance field's initializer
//! becomes `this.x = value` in the constructor (after `super(...)`), a field
//! without one is not created at all, and a static field becomes an
//! assignment in a static block (same order, same `this`). Fields with
//! computed keys or standard decorators, and classes whose `super(...)` call is
//! not a statement of the constructor body, keep define semantics.

use swc_common::{Mark, Span, SyntaxContext, DUMMY_SP};
use swc_ecma_ast::*;
use swc_ecma_visit::{VisitMut, VisitMutWith};

pub struct AssignFields;

impl VisitMut for AssignFields {
    fn visit_mut_class(&mut self, class: &mut Class) {
        class.visit_mut_children_with(self);
        lower(class);
    }
}

/// A field this pass turns into an assignment.
fn lowered(member: &ClassMember) -> Option<&ClassProp> {
    match member {
        ClassMember::ClassProp(prop)
            if prop.decorators.is_empty()
                && matches!(
                    prop.key,
                    PropName::Ident(_) | PropName::Str(_) | PropName::Num(_)
                ) =>
        {
            Some(prop)
        }
        _ => None,
    }
}

fn lower(class: &mut Class) {
    if !class.body.iter().any(|m| lowered(m).is_some()) {
        return;
    }
    let derived = class.super_class.is_some();
    // Where the instance initializers go: after the `super(...)` statement.
    let constructor = class
        .body
        .iter()
        .position(|m| matches!(m, ClassMember::Constructor(_)));
    let insert_at = match constructor.map(|i| &class.body[i]) {
        Some(ClassMember::Constructor(Constructor {
            body: Some(body), ..
        })) if derived => match body.stmts.iter().position(is_super_call) {
            Some(at) => Some(at + 1),
            None => return,
        },
        Some(ClassMember::Constructor(Constructor { body: Some(_), .. })) => Some(0),
        Some(_) => return,
        None => None,
    };
    let mut inits = Vec::new();
    let mut members = Vec::with_capacity(class.body.len());
    for member in class.body.drain(..) {
        if lowered(&member).is_none() {
            members.push(member);
            continue;
        }
        let ClassMember::ClassProp(prop) = member else {
            unreachable!("lowered() matched a field")
        };
        let Some(value) = prop.value else {
            continue;
        };
        let assign = assign_this(prop.key, value, prop.span);
        if prop.is_static {
            members.push(ClassMember::StaticBlock(StaticBlock {
                span: prop.span,
                body: BlockStmt {
                    stmts: vec![assign],
                    ..Default::default()
                },
            }));
        } else {
            inits.push(assign);
        }
    }
    class.body = members;
    if inits.is_empty() {
        return;
    }
    match (constructor, insert_at) {
        (Some(_), Some(at)) => {
            let body = class.body.iter_mut().find_map(|m| match m {
                ClassMember::Constructor(Constructor {
                    body: Some(body), ..
                }) => Some(body),
                _ => None,
            });
            if let Some(body) = body {
                body.stmts.splice(at..at, inits);
            }
        }
        _ => class
            .body
            .insert(0, ClassMember::Constructor(new_constructor(derived, inits))),
    }
}

fn is_super_call(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(ExprStmt { expr, .. })
        if matches!(&**expr, Expr::Call(CallExpr { callee: Callee::Super(_), .. })))
}

/// `this.key = value;`
fn assign_this(key: PropName, value: Box<Expr>, span: Span) -> Stmt {
    let prop = match key {
        PropName::Ident(name) => MemberProp::Ident(name),
        PropName::Str(s) => computed(Lit::Str(s)),
        PropName::Num(n) => computed(Lit::Num(n)),
        _ => unreachable!("lowered() admits only these keys"),
    };
    let target = MemberExpr {
        span,
        obj: Box::new(Expr::This(ThisExpr { span })),
        prop,
    };
    Stmt::Expr(ExprStmt {
        span,
        expr: Box::new(Expr::Assign(AssignExpr {
            span,
            op: AssignOp::Assign,
            left: AssignTarget::Simple(SimpleAssignTarget::Member(target)),
            right: value,
        })),
    })
}

fn computed(lit: Lit) -> MemberProp {
    MemberProp::Computed(ComputedPropName {
        span: DUMMY_SP,
        expr: Box::new(Expr::Lit(lit)),
    })
}

/// `constructor() { inits }`, or for a derived class
/// `constructor(...args) { super(...args); inits }`.
fn new_constructor(derived: bool, inits: Vec<Stmt>) -> Constructor {
    let mut params = Vec::new();
    let mut stmts = Vec::new();
    if derived {
        let args = Ident::new(
            "args".into(),
            DUMMY_SP,
            SyntaxContext::empty().apply_mark(Mark::new()),
        );
        params.push(ParamOrTsParamProp::Param(Param {
            span: DUMMY_SP,
            decorators: Vec::new(),
            pat: Pat::Rest(RestPat {
                span: DUMMY_SP,
                dot3_token: DUMMY_SP,
                arg: Box::new(Pat::Ident(args.clone().into())),
                type_ann: None,
            }),
        }));
        stmts.push(Stmt::Expr(ExprStmt {
            span: DUMMY_SP,
            expr: Box::new(Expr::Call(CallExpr {
                callee: Callee::Super(Super { span: DUMMY_SP }),
                args: vec![ExprOrSpread {
                    spread: Some(DUMMY_SP),
                    expr: Box::new(Expr::Ident(args)),
                }],
                ..Default::default()
            })),
        }));
    }
    stmts.extend(inits);
    Constructor {
        span: DUMMY_SP,
        ctxt: SyntaxContext::empty(),
        key: PropName::Ident("constructor".into()),
        params,
        body: Some(FunctionBody {
            span: DUMMY_SP,
            stmts,
        }),
        accessibility: None,
        is_optional: false,
    }
}
