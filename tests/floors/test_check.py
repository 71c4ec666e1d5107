"""Unit tests for check.py: tiny fake crates in a temporary directory, one per case.

Run: python3 -m unittest discover -s tests/floors -v
"""
import contextlib
import io
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

CRATE = [("src", ("lib.rs",))]
HOME = {"src": ("store",)}


def write(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text) if isinstance(text, str) else "".join(text))


def run(files, rule=None, exemptions=None):
    """Findings of check_repo over a crate `src/` made of files {path in src: text}."""
    with tempfile.TemporaryDirectory() as d:
        write(d, {"src/" + rel: text for rel, text in files.items()})
        found = check.check_repo(d, CRATE, sql_home=HOME, exemptions=exemptions or {})
    return [f for f in found if rule is None or f.rule == rule]


def fns(text):
    """{name: length} of the fns check.py sees in one file."""
    with tempfile.TemporaryDirectory() as d:
        write(d, {"src/lib.rs": text})
        src = check.Source(d, "src", "lib.rs")
    return {name: n for _, name, n in check.functions(src)}


class Circles(unittest.TestCase):
    def test_two_file_circle_with_names(self):
        found = run({
            "lib.rs": "mod a;\nmod b;\n",
            "a.rs": "use crate::b::X;\npub struct Y;\n",
            "b.rs": "use crate::a::Y;\npub struct X;\n",
        }, "circle")
        self.assertEqual(len(found), 1)
        text = found[0].text
        self.assertIn("circle: src/a.rs -> src/b.rs -> src/a.rs", text)
        self.assertIn("    src/a.rs -> src/b.rs: X", text)
        self.assertIn("    src/b.rs -> src/a.rs: Y", text)

    def test_three_file_circle_through_super(self):
        found = run({
            "lib.rs": "mod m;\n",
            "m/mod.rs": "mod x;\nmod y;\nmod z;\n",
            "m/x.rs": "use super::y::A;\npub struct C;\n",
            "m/y.rs": "pub struct A;\npub fn f() { super::z::g(); }\n",
            "m/z.rs": "use super::super::m::x::C;\npub fn g() {}\n",
        }, "circle")
        self.assertEqual(len(found), 1)
        text = found[0].text
        self.assertIn("circle: src/m/x.rs -> src/m/y.rs -> src/m/z.rs -> src/m/x.rs", text)
        self.assertIn("src/m/y.rs -> src/m/z.rs: g", text)
        self.assertIn("src/m/z.rs -> src/m/x.rs: C", text)
        self.assertNotIn("src/m/mod.rs", text)  # `mod x;` is not an edge

    def test_child_module_path_and_a_rs_plus_folder_style(self):
        found = run({
            "lib.rs": "mod a;\n",
            "a.rs": "mod inner;\nuse inner::f;\npub struct Thing;\n",
            "a/inner.rs": "pub fn f() -> super::Thing { super::Thing }\n",
        }, "circle")
        self.assertEqual(len(found), 1)
        self.assertIn("src/a.rs -> src/a/inner.rs: f", found[0].text)
        self.assertIn("src/a/inner.rs -> src/a.rs: Thing", found[0].text)

    def test_circle_only_through_test_code_is_not_found(self):
        self.assertEqual(run({
            "lib.rs": "mod a;\nmod b;\n#[cfg(test)]\nmod testkit;\n",
            "a.rs": "use crate::b::X;\npub struct Y;\n",
            "b.rs": """\
                pub struct X;
                #[cfg(test)]
                mod tests {
                    use crate::a::Y;
                    fn t() { let _ = crate::a::Y; }
                }
                #[cfg(test)]
                use crate::a::Y as Z;
                #[cfg(test)]
                fn helper() -> crate::a::Y { crate::a::Y }
                #[cfg(test)]
                mod b_tests;
                """,
            "b_tests.rs": "use crate::a::Y;\n",
            "b/tests.rs": "use crate::a::Y;\n",
            "testkit.rs": "use crate::a::Y;\n",
        }, "circle"), [])

    def test_chain_without_a_loop_is_clean(self):
        self.assertEqual(run({
            "lib.rs": "mod a;\nmod b;\nmod c;\n",
            "a.rs": "use crate::b::X;\n",
            "b.rs": "use crate::c::Z;\npub struct X;\n",
            "c.rs": "pub struct Z;\n",
        }), [])

    def test_inline_path_counts(self):
        found = run({
            "lib.rs": "mod a;\nmod b;\n",
            "a.rs": "pub fn g() { crate::b::f(); }\n",
            "b.rs": "pub fn f() { self::h(); }\nfn h() { let _ = crate::a::g; }\n",
        }, "circle")
        self.assertEqual(len(found), 1)
        self.assertIn("src/a.rs -> src/b.rs: f", found[0].text)
        self.assertIn("src/b.rs -> src/a.rs: g", found[0].text)

    def test_nested_brace_use_and_aliases_count(self):
        found = run({
            "lib.rs": "mod a;\nmod b;\nmod c;\n",
            "a.rs": "pub(crate) use crate::{b::{self as bee, X}, c};\nfn f() { bee::run(); }\n",
            "b.rs": "pub use crate::a::f;\npub struct X;\n",
            "c.rs": "",
        }, "circle")
        self.assertEqual(len(found), 1)
        self.assertIn("src/a.rs -> src/b.rs: X, b, run", found[0].text)

    def test_strings_and_comments_do_not_count(self):
        self.assertEqual(run({
            "lib.rs": "mod a;\nmod b;\n",
            "a.rs": """\
                //! See [`crate::b::X`].
                // use crate::b::X;
                /* crate::b::X /* nested crate::b::X */ crate::b::X */
                /// [`crate::b::X`]
                pub fn f() -> usize {
                    let s = "crate::b::X";
                    let r = r#"use crate::b::X; "quoted""#;
                    let c = '"';
                    s.len() + r.len() + c.len_utf8()
                }
                """,
            "b.rs": "use crate::a::f;\npub struct X;\n",
        }), [])

    def test_bare_crate_root_is_an_edge_to_lib(self):
        found = run({
            "lib.rs": "mod a;\npub use a::Foo;\npub struct Bar;\n",
            "a.rs": "pub struct Foo(crate::Bar);\n",
        }, "circle")
        self.assertEqual(len(found), 1)
        self.assertIn("src/a.rs -> src/lib.rs: Bar", found[0].text)
        self.assertIn("src/lib.rs -> src/a.rs: Foo", found[0].text)

    def test_super_in_an_inline_module_is_the_file(self):
        self.assertEqual(run({
            "lib.rs": "mod a;\nuse a::Y;\n",
            "a.rs": "pub struct Y;\nmod inner {\n    use super::Y;\n}\n",
        }), [])


class FileLength(unittest.TestCase):
    def test_501_lines_fail(self):
        found = run({"lib.rs": "mod a;\n", "a.rs": "// x\n" * 501}, "file")
        self.assertEqual([f.text for f in found], ["src/a.rs: 501 lines (max 500)"])

    def test_500_lines_pass(self):
        self.assertEqual(run({"lib.rs": "mod a;\n", "a.rs": "// x\n" * 500}), [])

    def test_last_line_without_newline_counts(self):
        self.assertEqual(len(run({"a.rs": "// x\n" * 500 + "// y"}, "file")), 1)

    def test_test_generated_and_exempt_files_pass(self):
        long = "// x\n" * 600
        self.assertEqual(run({
            "a/tests.rs": long,
            "tests/b.rs": long,
            "gen.rs": "// @generated by foodgen\n" + long,
            "big.rs": long,
        }, exemptions={"src/big.rs": "a table"}), [])


class FnLength(unittest.TestCase):
    def body(self, lines):
        return "fn f() {\n" + "    let _ = 1;\n" * (lines - 2) + "}\n"

    def test_81_lines_fail(self):
        found = run({"lib.rs": self.body(81)}, "fn")
        self.assertEqual([f.text for f in found], ["src/lib.rs:1 fn f: 81 lines (max 80)"])

    def test_80_lines_pass(self):
        self.assertEqual(run({"lib.rs": self.body(80)}), [])

    def test_braces_in_strings_comments_and_chars_do_not_count(self):
        self.assertEqual(fns('''\
            fn a() {
                let s = "}}}";
                let r = r##"}"# still "}" inside"##;
                let b = b"}";
                // }
                /* } /* } */ } */
                let c = '}';
                let d = '{';
                let e = b'}';
                let q = '\\'';
                let u = '\\u{7D}';
            }
            fn b() {
            }
            '''), {"a": 12, "b": 2})

    def test_lifetimes_are_not_char_literals(self):
        self.assertEqual(fns('''\
            fn a<'a, 'b: 'a>(x: &'a str, _y: &'b str) -> &'a str {
                'outer: loop { break 'outer; }
                let _ = '}';
                x
            }
            struct S<'a>(&'a str);
            impl<'a> S<'a> {
                fn get(&self) -> &'a str {
                    self.0
                }
            }
            '''), {"a": 5, "get": 3})

    def test_declarations_types_nested_fns_and_test_code(self):
        self.assertEqual(fns('''\
            trait T {
                fn decl(&self);
                fn default_body(&self) {}
            }
            type F = fn(u8) -> u8;
            fn outer() {
                fn inner() {
                }
                let _closure = |x: u8| {
                    x
                };
            }
            #[cfg(test)]
            mod tests {
                fn hidden() {}
            }
            #[cfg(test)]
            fn also_hidden() {}
            struct S {
                #[cfg(test)]
                pub(crate) a: Vec<u8>,
                b: u8,
            }
            fn after() {
            }
            '''), {"default_body": 1, "outer": 7, "inner": 2, "after": 2})


class Sql(unittest.TestCase):
    def test_sql_string_outside_store_fails(self):
        found = run({"lib.rs": "mod a;\n", "a.rs": 'const Q: &str = "\n  select * from t";\n'},
                    "sql")
        self.assertEqual([f.text for f in found],
                         ["src/a.rs:1: SQL outside store: select * from t"])

    def test_sql_inside_store_passes(self):
        self.assertEqual(run({
            "lib.rs": "mod store;\n",
            "store.rs": 'mod merge;\nconst Q: &str = "SELECT 1";\n',
            "store/merge.rs": 'fn m(p: &P) { sqlx::query(r#"DELETE FROM t"#).execute(p); }\n',
        }), [])

    def test_sqlx_calls_outside_store_fail(self):
        found = run({"lib.rs": '''\
            async fn a(q: &str, p: &P) {
                sqlx::query(q)
                    .fetch_one(p).await;
                let n: i64 = query_scalar(q).fetch_optional(p).await;
            }
            '''}, "sql")
        self.assertEqual([f.line for f in found], [2, 3, 4])
        self.assertIn("SQL outside store: sqlx::query(q)", found[0].text)

    def test_prose_single_words_and_test_code_pass(self):
        self.assertEqual(run({"lib.rs": '''\
            const A: &str = "With kidney disease, ask first.";
            const B: &str = "BEGIN";
            const C: &str = "with";
            const D: &str = "Selected foods";
            #[cfg(test)]
            mod tests {
                const Q: &str = "SELECT 1";
                fn t(p: &P) { sqlx::query(Q).execute(p); }
            }
            '''}), [])


class Cli(unittest.TestCase):
    def main(self, files):
        with tempfile.TemporaryDirectory() as d:
            write(d, files)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = check.main(["check.py", d])
        return code, out.getvalue()

    def test_clean_repo_exits_0_with_a_summary_per_rule(self):
        code, out = self.main({"src-tauri/core/src/lib.rs": "pub mod store;\n",
                               "src-tauri/core/src/store.rs": 'const Q: &str = "SELECT 1";\n'})
        self.assertEqual(code, 0)
        self.assertEqual(len(out.splitlines()), 4)

    def test_broken_repo_exits_1(self):
        code, out = self.main({"src-tauri/src/lib.rs": 'const Q: &str = "VACUUM INTO ?";\n'})
        self.assertEqual(code, 1)
        self.assertIn("src-tauri/src/lib.rs:1: SQL outside store: VACUUM INTO ?", out)


if __name__ == "__main__":
    unittest.main()
