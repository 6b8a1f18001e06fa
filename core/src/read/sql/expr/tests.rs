//! Expressions against what PostgreSQL 15 printed for them (`pg_get_constraintdef`
//! of CHECK constraints, `pg_get_expr` of defaults on tables with these columns).

use indexmap::IndexMap;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use super::{condition, default, reads_back, Scope};
use crate::model::{Column, EnumType};

fn columns() -> IndexMap<String, Column> {
    [
        ("vc", "character varying(20)"),
        ("vc2", "character varying(10)"),
        ("t", "text"),
        ("i", "integer"),
        ("i2", "integer"),
        ("s", "smallint"),
        ("b", "bigint"),
        ("n", "numeric"),
        ("n52", "numeric(5,2)"),
        ("r", "real"),
        ("d", "double precision"),
        ("c2", "character(2)"),
        ("flag", "boolean"),
        ("day", "date"),
        ("at", "timestamp with time zone"),
        ("role", "user_role"),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), Column::new(t)))
    .collect()
}

fn enums() -> IndexMap<String, EnumType> {
    let labels = ["user", "admin"].map(String::from).to_vec();
    [("user_role".to_string(), EnumType { labels })]
        .into_iter()
        .collect()
}

fn parse(sql: &str) -> sqlparser::ast::Expr {
    Parser::new(&PostgreSqlDialect {})
        .try_with_sql(sql)
        .and_then(|mut p| p.parse_expr())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn conditions_print_as_pg_get_constraintdef() {
    let (cols, enums) = (columns(), enums());
    let scope = Scope {
        columns: Some(&cols),
        enums: &enums,
    };
    let cases = [
        (
            "vc IN ('x', 'y')",
            "((vc)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))",
        ),
        (
            "vc NOT IN ('x', 'y')",
            "((vc)::text <> ALL ((ARRAY['x'::character varying, 'y'::character varying])::text[]))",
        ),
        ("vc IN ('x')", "((vc)::text = 'x'::text)"),
        ("t IN ('x', 'y')", "(t = ANY (ARRAY['x'::text, 'y'::text]))"),
        ("t NOT IN ('a')", "(t <> 'a'::text)"),
        ("i IN (1, 2, 3)", "(i = ANY (ARRAY[1, 2, 3]))"),
        ("i NOT IN (1, 2)", "(i <> ALL (ARRAY[1, 2]))"),
        ("i IN (1, NULL)", "(i = ANY (ARRAY[1, NULL::integer]))"),
        ("s IN (1, 2)", "(s = ANY (ARRAY[1, 2]))"),
        ("b IN (1, 2)", "(b = ANY (ARRAY[(1)::bigint, (2)::bigint]))"),
        (
            "n IN (1, 2)",
            "(n = ANY (ARRAY[(1)::numeric, (2)::numeric]))",
        ),
        (
            "i IN (1, 2.5)",
            "((i)::numeric = ANY (ARRAY[(1)::numeric, 2.5]))",
        ),
        (
            "d IN (1, 2)",
            "(d = ANY (ARRAY[(1)::double precision, (2)::double precision]))",
        ),
        (
            "c2 IN ('a', 'b')",
            "(c2 = ANY (ARRAY['a'::bpchar, 'b'::bpchar]))",
        ),
        (
            "role IN ('user', 'admin')",
            "(role = ANY (ARRAY['user'::user_role, 'admin'::user_role]))",
        ),
        ("role <> 'user'", "(role <> 'user'::user_role)"),
        ("i >= 0", "(i >= 0)"),
        ("i > -1", "(i > '-1'::integer)"),
        ("b > 0", "(b > 0)"),
        ("b < 9999999999", "(b < '9999999999'::bigint)"),
        ("n > 0", "(n > (0)::numeric)"),
        ("n > -1", "(n > ('-1'::integer)::numeric)"),
        ("n > 1e3", "(n > '1000'::numeric)"),
        ("n52 >= 0.5", "(n52 >= 0.5)"),
        ("i > 1.5", "((i)::numeric > 1.5)"),
        ("i > 1.5::numeric", "((i)::numeric > 1.5)"),
        ("i = 1::bigint", "(i = (1)::bigint)"),
        ("r > 0", "(r > (0)::double precision)"),
        ("r > 0.5", "(r > (0.5)::double precision)"),
        ("d > 0", "(d > (0)::double precision)"),
        (
            "r + 1 > 0",
            "((r + (1)::double precision) > (0)::double precision)",
        ),
        ("vc <> ''", "((vc)::text <> ''::text)"),
        ("vc = vc2", "((vc)::text = (vc2)::text)"),
        ("vc = t", "((vc)::text = t)"),
        ("vc::text = 'x'", "((vc)::text = 'x'::text)"),
        ("c2 = 'ab'", "(c2 = 'ab'::bpchar)"),
        ("length(t) > 0", "(length(t) > 0)"),
        ("length(vc) <= 5", "(length((vc)::text) <= 5)"),
        ("char_length(vc) > 1", "(char_length((vc)::text) > 1)"),
        ("lower(c2) = 'a'", "(lower((c2)::text) = 'a'::text)"),
        ("btrim(t) <> ''", "(btrim(t) <> ''::text)"),
        ("trim(t) <> ''", "(TRIM(BOTH FROM t) <> ''::text)"),
        (
            "trim(leading from t) <> ''",
            "(TRIM(LEADING FROM t) <> ''::text)",
        ),
        ("lower(t) = t", "(lower(t) = t)"),
        ("i BETWEEN 1 AND 10", "((i >= 1) AND (i <= 10))"),
        ("i NOT BETWEEN 1 AND 2", "((i < 1) OR (i > 2))"),
        (
            "i > 0 AND i2 > 0 AND s > 0",
            "((i > 0) AND (i2 > 0) AND (s > 0))",
        ),
        (
            "i > 0 OR i2 > 0 AND s > 0",
            "((i > 0) OR ((i2 > 0) AND (s > 0)))",
        ),
        (
            "i >= 0 AND i < 10 OR i IS NULL",
            "(((i >= 0) AND (i < 10)) OR (i IS NULL))",
        ),
        ("NOT (i > 0)", "(NOT (i > 0))"),
        (
            "i IS NOT NULL OR i2 IS NULL",
            "((i IS NOT NULL) OR (i2 IS NULL))",
        ),
        ("flag", "flag"),
        ("NOT flag", "(NOT flag)"),
        ("flag = true", "(flag = true)"),
        ("flag IS TRUE", "(flag IS TRUE)"),
        ("day > '2020-01-01'", "(day > '2020-01-01'::date)"),
        ("day > now()", "(day > now())"),
        ("at < now()", "(at < now())"),
        ("vc ~ '^a'", "((vc)::text ~ '^a'::text)"),
        ("t LIKE 'a%'", "(t ~~ 'a%'::text)"),
        ("vc LIKE 'a'", "((vc)::text ~~ 'a'::text)"),
        ("c2 LIKE 'a%'", "(c2 ~~ 'a%'::text)"),
        ("t ILIKE 'a'", "(t ~~* 'a'::text)"),
        ("t !~ 'x'", "(t !~ 'x'::text)"),
        ("i < i2", "(i < i2)"),
        ("i % 2 = 0", "((i % 2) = 0)"),
        ("i + 1 > 0", "((i + 1) > 0)"),
        ("-i < 0", "((- i) < 0)"),
        ("t IS DISTINCT FROM 'x'", "(t IS DISTINCT FROM 'x'::text)"),
        (
            "t IS NOT DISTINCT FROM 'x'",
            "(NOT (t IS DISTINCT FROM 'x'::text))",
        ),
        ("i = NULL", "(i = NULL::integer)"),
        // Each checked against PostgreSQL 15 by tests/tests/expressions.rs.
        (
            "at AT TIME ZONE 'UTC' > now()",
            "((at AT TIME ZONE 'UTC'::text) > now())",
        ),
        ("t COLLATE \"C\" > 'a'", "((t COLLATE \"C\") > 'a'::text)"),
        (
            "vc COLLATE \"C\" < 'z'",
            "(((vc)::text COLLATE \"C\") < 'z'::text)",
        ),
        ("-1::bigint < b", "((- (1)::bigint) < b)"),
        ("(-1)::bigint < b", "(('-1'::integer)::bigint < b)"),
        ("(i + 1)::text <> ''", "(((i + 1))::text <> ''::text)"),
        (
            "t::varchar(5) IS NULL",
            "((t)::character varying(5) IS NULL)",
        ),
        ("- -1 < i", "(1 < i)"),
        (
            "2 ^ 3 > d",
            "(((2)::double precision ^ (3)::double precision) > d)",
        ),
        ("i & 3 = 0", "((i & 3) = 0)"),
        ("~i < 0", "((~ i) < 0)"),
        ("t SIMILAR TO 'a%'", "(t ~ similar_to_escape('a%'::text))"),
        (
            "t LIKE 'a!%' ESCAPE '!'",
            "(t ~~ like_escape('a!%'::text, '!'::text))",
        ),
        ("t || i <> ''", "((t || i) <> ''::text)"),
        (
            "COALESCE(t, vc, 'x') <> ''",
            "(COALESCE(t, (vc)::text, 'x'::text) <> ''::text)",
        ),
        ("NULLIF(i, 0) > 0", "(NULLIF(i, 0) > 0)"),
        ("GREATEST(i, i2, 0) > 0", "(GREATEST(i, i2, 0) > 0)"),
        (
            "EXTRACT(YEAR FROM at) > 2000",
            "(EXTRACT(year FROM at) > (2000)::numeric)",
        ),
        (
            "date_trunc('day', at) < now()",
            "(date_trunc('day'::text, at) < now())",
        ),
        (
            "position('a' IN t) > 0",
            "(POSITION(('a'::text) IN (t)) > 0)",
        ),
        (
            "substring(t FROM 1 FOR 2) <> ''",
            "(SUBSTRING(t FROM 1 FOR 2) <> ''::text)",
        ),
        (
            "trim(BOTH 'x' FROM t) <> ''",
            "(TRIM(BOTH 'x'::text FROM t) <> ''::text)",
        ),
        ("ARRAY[i, i2] IS NOT NULL", "(ARRAY[i, i2] IS NOT NULL)"),
        (
            "ARRAY['a', 'b'] IS NOT NULL",
            "(ARRAY['a'::text, 'b'::text] IS NOT NULL)",
        ),
        (
            "ARRAY[1, 2]::bigint[] IS NULL",
            "(ARRAY[(1)::bigint, (2)::bigint] IS NULL)",
        ),
        ("(ARRAY[1, 2])[1] > i", "((ARRAY[1, 2])[1] > i)"),
        (
            "i = ANY ('{1,2}'::integer[])",
            "(i = ANY ('{1,2}'::integer[]))",
        ),
        ("INTERVAL '1 day' IS NULL", "('1 day'::interval IS NULL)"),
        (
            "'1 hour'::interval * 2 IS NULL",
            "(('01:00:00'::interval * (2)::double precision) IS NULL)",
        ),
        (
            "t IN ('a', 'b') = true",
            "((t = ANY (ARRAY['a'::text, 'b'::text])) = true)",
        ),
    ];
    let mut wrong = Vec::new();
    for (written, want) in cases {
        let got = condition(&parse(written), scope).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        if got.text != want || !got.exact {
            wrong.push(format!(
                "{written}\n  got:  {} (exact: {})\n  want: {want}",
                got.text, got.exact
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn unknown_shapes_are_flagged_approximate() {
    let (cols, enums) = (columns(), enums());
    let scope = Scope {
        columns: Some(&cols),
        enums: &enums,
    };
    for written in [
        "CASE WHEN i > 0 THEN 1 END > 0",
        "ROW(i, i2) = ROW(1, 2)",
        "t = ANY (ARRAY(SELECT 1))",
    ] {
        let got = condition(&parse(written), scope).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        assert!(!got.exact, "{written} printed as {}", got.text);
    }
    assert!(condition(&parse("nope > 0"), scope).is_err());
    // Kept as written, in parentheses: it keeps its meaning wherever it is put.
    let kept = condition(&parse("CASE WHEN i > 0 THEN 1 END > 0"), scope).unwrap();
    assert_eq!(kept.text, "((CASE WHEN i > 0 THEN 1 END) > 0)");
}

#[test]
fn printed_forms_that_read_back() {
    let (cols, enums) = (columns(), enums());
    let scope = Scope {
        columns: Some(&cols),
        enums: &enums,
    };
    assert!(reads_back("(i >= 0)", scope));
    assert!(reads_back("(t = ANY (ARRAY['x'::text, 'y'::text]))", scope));
    assert!(reads_back(
        "(b = ANY (ARRAY[(1)::bigint, (2)::bigint]))",
        scope
    ));
    assert!(reads_back("(length((vc)::text) > 0)", scope));
    // PostgreSQL reads this one back with each element cast to text.
    assert!(!reads_back(
        "((vc)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))",
        scope
    ));
}

#[test]
fn defaults_print_as_pg_get_expr() {
    let enums = enums();
    let scope = Scope {
        columns: None,
        enums: &enums,
    };
    let cases = [
        (
            "character varying(20)",
            "'user'",
            Some("'user'::character varying"),
        ),
        ("text", "'user'", Some("'user'::text")),
        ("user_role", "'user'", Some("'user'::user_role")),
        ("boolean", "TRUE", Some("true")),
        ("boolean", "'t'", Some("true")),
        ("integer", "0", Some("0")),
        ("integer", "-1", Some("'-1'::integer")),
        ("integer", "'5'", Some("5")),
        ("integer", "(1)", Some("1")),
        ("integer", "1+1", Some("(1 + 1)")),
        ("integer", "-0", Some("0")),
        ("integer", "+1", Some("(+ 1)")),
        ("bigint", "0", Some("0")),
        ("bigint", "-1", Some("'-1'::integer")),
        ("bigint", "'5'", Some("'5'::bigint")),
        ("bigint", "9999999999", Some("'9999999999'::bigint")),
        ("smallint", "-1", Some("'-1'::integer")),
        ("double precision", "-1", Some("'-1'::integer")),
        ("real", "-1.5", Some("'-1.5'::numeric")),
        ("real", "1.5", Some("1.5")),
        ("numeric(5,2)", "0", Some("0")),
        ("numeric(5,2)", "-1", Some("'-1'::integer")),
        ("numeric", "-1.5", Some("'-1.5'::numeric")),
        ("numeric", "1e3", Some("'1000'::numeric")),
        ("timestamp with time zone", "NOW()", Some("now()")),
        (
            "timestamp with time zone",
            "CURRENT_TIMESTAMP",
            Some("CURRENT_TIMESTAMP"),
        ),
        (
            "timestamp with time zone",
            "LOCALTIMESTAMP",
            Some("LOCALTIMESTAMP"),
        ),
        ("date", "CURRENT_DATE", Some("CURRENT_DATE")),
        ("date", "now()", Some("now()")),
        ("uuid", "gen_random_uuid()", Some("gen_random_uuid()")),
        ("jsonb", "'{}'::jsonb", Some("'{}'::jsonb")),
        ("jsonb", "'{}'", Some("'{}'::jsonb")),
        ("jsonb", "'[]'", Some("'[]'::jsonb")),
        ("json", "'{}'", Some("'{}'::json")),
        ("character(64)", "'x'", Some("'x'::bpchar")),
        ("text", "''", Some("''::text")),
        ("text", "'it''s'", Some("'it''s'::text")),
        ("text", "E'a\\\\b'", Some("'a\\b'::text")),
        ("text", "NULL", None),
        ("text", "NULL::text", None),
        (
            "timestamp with time zone",
            "NULL::timestamp",
            Some("NULL::timestamp without time zone"),
        ),
        ("timestamp without time zone", "NULL::timestamp", None),
        (
            "character varying(5)",
            "NULL::varchar",
            Some("NULL::character varying"),
        ),
        (
            "timestamp without time zone",
            "now() AT TIME ZONE 'UTC'",
            Some("(now() AT TIME ZONE 'UTC'::text)"),
        ),
        (
            "timestamp without time zone",
            "'2020-01-01 10:00'",
            Some("'2020-01-01 10:00:00'::timestamp without time zone"),
        ),
        ("integer[]", "'{1,2}'", Some("'{1,2}'::integer[]")),
        ("integer", "- -1", Some("1")),
        ("text", "'a' || 'b'", Some("('a'::text || 'b'::text)")),
        ("text", "lower('X')", Some("lower('X'::text)")),
        ("text[]", "'{}'", Some("'{}'::text[]")),
        (
            "character varying(20)[]",
            "'{}'",
            Some("'{}'::character varying[]"),
        ),
        ("character varying(3)", "'x'::text", Some("'x'::text")),
        ("text", "'x'::varchar", Some("'x'::character varying")),
        ("inet", "'127.0.0.1'", Some("'127.0.0.1'::inet")),
        ("interval", "'1 day'", Some("'1 day'::interval")),
        (
            "uuid",
            "'00000000-0000-0000-0000-000000000000'",
            Some("'00000000-0000-0000-0000-000000000000'::uuid"),
        ),
        ("boolean", "(NOT true)", Some("(NOT true)")),
        (
            "integer",
            "nextval('public.t_id_seq'::regclass)",
            Some("nextval('t_id_seq'::regclass)"),
        ),
        (
            "integer",
            "nextval('\"T_id_seq\"')",
            Some("nextval('\"T_id_seq\"'::regclass)"),
        ),
    ];
    let mut wrong = Vec::new();
    for (ty, written, want) in cases {
        let got =
            default(&parse(written), ty, scope).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        let got_text = got.as_ref().map(|p| p.text.as_str());
        let exact = got.as_ref().is_none_or(|p| p.exact);
        if got_text != want || !exact {
            wrong.push(format!(
                "{ty} DEFAULT {written}\n  got:  {got_text:?} (exact: {exact})\n  want: {want:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn invalid_literals_are_refused() {
    let enums = enums();
    let scope = Scope {
        columns: None,
        enums: &enums,
    };
    assert!(default(&parse("'boss'"), "user_role", scope).is_err());
    assert!(default(&parse("'abc'"), "integer", scope).is_err());
    assert!(default(&parse("'maybe'"), "boolean", scope).is_err());
    assert!(default(&parse("some_column"), "integer", scope).is_err());
}
