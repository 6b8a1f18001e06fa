//! Objects of kinds the model has no place for (views, domains, policies, rules, casts,
//! ...): the other queries never see them, so this one looks for each kind, and every
//! object found is refused. Without it a database with a view would read as one without.
//!
//! Left out, as by the other queries: what an extension owns, and what PostgreSQL makes
//! on its own along with another object (array types, a range's multirange type, cast
//! and constructor functions, a relation's row type, a view's `_RETURN` rule, the
//! operator family `CREATE OPERATOR CLASS` makes), and the migration runners' objects.
//! Objects of no schema (casts, event triggers, publications, ...) are the user's when
//! their oid is not one of initdb's.

use super::fields::Fields;
use super::{key_sql, user_schema, CatalogError, Refusals, Row};

/// `NOT EXISTS` a membership of object `$oid` (of catalog `$class`) in an extension.
macro_rules! not_in_extension {
    ($class:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '",
            $class,
            "'::regclass AND d.objid = ",
            $oid,
            " AND d.deptype = 'e')"
        )
    };
}

/// The rows (kind, key, key, definition) of one kind of schema object: those of catalog
/// `$catalog` (aliased `$a`) in a user schema that no extension owns, each named by
/// `$name` in the namespace `$ns` (both columns given with the alias).
macro_rules! in_schema {
    ($kind:literal, $catalog:literal, $a:literal, $name:literal, $ns:literal, $definition:literal) => {
        concat!(
            "SELECT '",
            $kind,
            "', ",
            key_sql!("n.nspname", $name),
            ", ",
            key_sql!("n.nspname", $name),
            ",\n       ",
            $definition,
            "\n  FROM ",
            $catalog,
            " ",
            $a,
            " JOIN pg_namespace n ON n.oid = ",
            $ns,
            "\n WHERE ",
            user_schema!("n.nspname"),
            " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '",
            $catalog,
            "'::regclass AND d.objid = ",
            $a,
            ".oid AND d.deptype = 'e')"
        )
    };
}

/// `NOT EXISTS` an internal dependency of object `$oid` (of catalog `$class`): it is part
/// of the object it depends on (a range's cast to its multirange).
macro_rules! not_internal {
    ($class:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '",
            $class,
            "'::regclass AND d.objid = ",
            $oid,
            " AND d.deptype = 'i')"
        )
    };
}

/// The first oid initdb does not use (`FirstNormalObjectId`): objects of no schema at or
/// above it were made by a user.
macro_rules! user_oid {
    ($oid:literal) => {
        concat!($oid, " >= 16384")
    };
}

/// kind (see [`describe`]), object (as the refusal names it), owner (the model key whose
/// owner may be a migration runner: the object's, or its table's; NULL for objects of no
/// schema), detail (a definition, or NULL)
pub(super) const SQL: &str = concat!(
    "SELECT u.kind, u.object, u.owner, u.detail FROM (
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'f' THEN 'foreign table' ELSE 'composite type' END AS kind,
       ",
    key_sql!("n.nspname", "c.relname"),
    " AS object, ",
    key_sql!("n.nspname", "c.relname"),
    " AS owner,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid)
            WHEN c.relkind = 'f' THEN
              (SELECT 'SERVER ' || quote_ident(s.srvname) FROM pg_foreign_table ft
                 JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = c.oid)
            ELSE '(' || COALESCE((SELECT string_agg(quote_ident(a.attname) || ' '
                                    || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                    FROM pg_attribute a WHERE a.attrelid = c.oid
                                     AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
       END AS detail
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND c.relkind IN ('v', 'm', 'f', 'c')
   AND ",
    not_in_extension!("pg_class", "c.oid"),
    " AND ",
    // A composite type's membership is recorded on its type.
    not_in_extension!("pg_type", "c.reltype"),
    "
UNION ALL
SELECT 'policy', ",
    key_sql!("n.nspname", "c.relname"),
    " || '.' || pol.polname, ",
    key_sql!("n.nspname", "c.relname"),
    ",
       CASE WHEN pol.polpermissive THEN '' ELSE 'AS RESTRICTIVE ' END || 'FOR '
       || CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                          WHEN 'd' THEN 'DELETE' ELSE 'ALL' END
       || COALESCE(' USING (' || pg_get_expr(pol.polqual, pol.polrelid) || ')', '')
       || COALESCE(' WITH CHECK (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '')
  FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND ",
    not_in_extension!("pg_class", "c.oid"),
    "
UNION ALL
SELECT 'rule', ",
    key_sql!("n.nspname", "c.relname"),
    " || '.' || r.rulename, ",
    key_sql!("n.nspname", "c.relname"),
    ", pg_get_ruledef(r.oid)
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND r.rulename <> '_RETURN' AND ",
    not_in_extension!("pg_class", "c.oid"),
    " AND ",
    not_in_extension!("pg_rewrite", "r.oid"),
    "
UNION ALL
SELECT 'trigger', ",
    key_sql!("n.nspname", "c.relname"),
    " || '.' || tg.tgname, ",
    key_sql!("n.nspname", "c.relname"),
    ", pg_get_triggerdef(tg.oid)
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND c.relkind NOT IN ('r', 'p') AND NOT tg.tgisinternal AND ",
    not_in_extension!("pg_class", "c.oid"),
    "
UNION ALL
SELECT 'index', ",
    key_sql!("n.nspname", "c.relname"),
    " || '.' || ic.relname, ",
    key_sql!("n.nspname", "c.relname"),
    ", pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND c.relkind NOT IN ('r', 'p') AND ",
    not_in_extension!("pg_class", "c.oid"),
    "
UNION ALL
SELECT 'statistics', ",
    key_sql!("sn.nspname", "s.stxname"),
    ", ",
    key_sql!("n.nspname", "c.relname"),
    ", pg_get_statisticsobjdef(s.oid)
  FROM pg_statistic_ext s JOIN pg_namespace sn ON sn.oid = s.stxnamespace
  JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND ",
    not_in_extension!("pg_statistic_ext", "s.oid"),
    " AND ",
    not_in_extension!("pg_class", "c.oid"),
    "
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type'
                      WHEN 'b' THEN 'base type' ELSE 'shell type' END, ",
    key_sql!("n.nspname", "t.typname"),
    ", ",
    key_sql!("n.nspname", "t.typname"),
    // A domain's NOT NULL from typnotnull: PostgreSQL 17+ also keeps it as a constraint.
    ",
       CASE t.typtype
         WHEN 'd' THEN 'AS ' || format_type(t.typbasetype, t.typtypmod)
           || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
           || COALESCE(' DEFAULT ' || t.typdefault, '')
           || COALESCE((SELECT ' ' || string_agg(pg_get_constraintdef(co.oid), ' '
                                                 ORDER BY co.conname)
                          FROM pg_constraint co WHERE co.contypid = t.oid
                           AND co.contype <> 'n'), '')
         WHEN 'r' THEN (SELECT 'SUBTYPE = ' || format_type(rg.rngsubtype, NULL)
                          FROM pg_range rg WHERE rg.rngtypid = t.oid)
       END
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE ",
    user_schema!("n.nspname"),
    // Enums are modelled, composite types come with their relation, a multirange with
    // its range; an array type is another type's.
    " AND t.typtype IN ('b', 'd', 'r', 'p')
   AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid) AND ",
    not_in_extension!("pg_type", "t.oid"),
    "
UNION ALL
SELECT 'operator', ",
    key_sql!("n.nspname", "o.oprname"),
    " || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END
       || ', ' || format_type(o.oprright, NULL) || ')', ",
    key_sql!("n.nspname", "o.oprname"),
    ",
       CASE WHEN o.oprcode <> 0 THEN 'FUNCTION = ' || o.oprcode::regproc::text END
  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
 WHERE ",
    user_schema!("n.nspname"),
    " AND ",
    not_in_extension!("pg_operator", "o.oid"),
    "
UNION ALL
SELECT 'operator class', ",
    key_sql!("n.nspname", "oc.opcname"),
    " || ' USING ' || am.amname, ",
    key_sql!("n.nspname", "oc.opcname"),
    ", 'FOR TYPE ' || format_type(oc.opcintype, NULL)
  FROM pg_opclass oc JOIN pg_namespace n ON n.oid = oc.opcnamespace
  JOIN pg_am am ON am.oid = oc.opcmethod
 WHERE ",
    user_schema!("n.nspname"),
    " AND ",
    not_in_extension!("pg_opclass", "oc.oid"),
    "
UNION ALL
SELECT 'operator family', ",
    key_sql!("n.nspname", "f.opfname"),
    " || ' USING ' || am.amname, ",
    key_sql!("n.nspname", "f.opfname"),
    ", NULL
  FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace
  JOIN pg_am am ON am.oid = f.opfmethod
 WHERE ",
    user_schema!("n.nspname"),
    " AND ",
    not_in_extension!("pg_opfamily", "f.oid"),
    // The family CREATE OPERATOR CLASS makes has the class's name: the class names it.
    "
   AND NOT EXISTS (SELECT 1 FROM pg_opclass oc WHERE oc.opcfamily = f.oid
                      AND oc.opcname = f.opfname AND oc.opcnamespace = f.opfnamespace)
UNION ALL
",
    in_schema!(
        "collation",
        "pg_collation",
        "co",
        "co.collname",
        "co.collnamespace",
        "'provider = ' || CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc'
                                             ELSE co.collprovider::text END
       || COALESCE(', locale = ' || quote_literal(COALESCE(to_jsonb(co) ->> 'colllocale',
                       to_jsonb(co) ->> 'colliculocale', co.collcollate::text)), '')"
    ),
    "
UNION ALL
",
    in_schema!(
        "conversion",
        "pg_conversion",
        "cv",
        "cv.conname",
        "cv.connamespace",
        "'FOR ' || quote_literal(pg_encoding_to_char(cv.conforencoding)) || ' TO '
       || quote_literal(pg_encoding_to_char(cv.contoencoding))"
    ),
    "
UNION ALL
",
    in_schema!(
        "text search configuration",
        "pg_ts_config",
        "cfg",
        "cfg.cfgname",
        "cfg.cfgnamespace",
        "NULL"
    ),
    "
UNION ALL
",
    in_schema!(
        "text search dictionary",
        "pg_ts_dict",
        "dct",
        "dct.dictname",
        "dct.dictnamespace",
        "NULL"
    ),
    "
UNION ALL
",
    in_schema!(
        "text search parser",
        "pg_ts_parser",
        "prs",
        "prs.prsname",
        "prs.prsnamespace",
        "NULL"
    ),
    "
UNION ALL
",
    in_schema!(
        "text search template",
        "pg_ts_template",
        "tmp",
        "tmp.tmplname",
        "tmp.tmplnamespace",
        "NULL"
    ),
    "
UNION ALL
SELECT 'cast', '(' || format_type(ca.castsource, NULL) || ' AS '
       || format_type(ca.casttarget, NULL) || ')', NULL,
       CASE ca.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || ca.castfunc::regprocedure::text
                          WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END
       || CASE ca.castcontext WHEN 'i' THEN ' AS IMPLICIT' WHEN 'a' THEN ' AS ASSIGNMENT'
                              ELSE '' END
  FROM pg_cast ca
 WHERE ",
    user_oid!("ca.oid"),
    " AND ",
    not_in_extension!("pg_cast", "ca.oid"),
    " AND ",
    not_internal!("pg_cast", "ca.oid"),
    "
UNION ALL
SELECT 'transform', 'FOR ' || format_type(tr.trftype, NULL) || ' LANGUAGE '
       || quote_ident(l.lanname), NULL, NULL
  FROM pg_transform tr JOIN pg_language l ON l.oid = tr.trflang
 WHERE ",
    user_oid!("tr.oid"),
    " AND ",
    not_in_extension!("pg_transform", "tr.oid"),
    "
UNION ALL
SELECT 'event trigger', e.evtname::text, NULL,
       'ON ' || e.evtevent || ' EXECUTE FUNCTION ' || e.evtfoid::regproc::text
  FROM pg_event_trigger e
 WHERE ",
    not_in_extension!("pg_event_trigger", "e.oid"),
    "
UNION ALL
SELECT 'language', l.lanname::text, NULL, NULL
  FROM pg_language l
 WHERE ",
    user_oid!("l.oid"),
    " AND l.lanname <> 'plpgsql' AND ",
    not_in_extension!("pg_language", "l.oid"),
    "
UNION ALL
SELECT 'access method', a.amname::text, NULL,
       CASE a.amtype WHEN 't' THEN 'TYPE TABLE' ELSE 'TYPE INDEX' END
  FROM pg_am a
 WHERE ",
    user_oid!("a.oid"),
    " AND ",
    not_in_extension!("pg_am", "a.oid"),
    "
UNION ALL
SELECT 'foreign-data wrapper', w.fdwname::text, NULL, NULL
  FROM pg_foreign_data_wrapper w
 WHERE ",
    not_in_extension!("pg_foreign_data_wrapper", "w.oid"),
    "
UNION ALL
SELECT 'server', s.srvname::text, NULL, 'FOREIGN DATA WRAPPER ' || quote_ident(w.fdwname)
  FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
 WHERE ",
    not_in_extension!("pg_foreign_server", "s.oid"),
    "
UNION ALL
SELECT 'publication', p.pubname::text, NULL,
       CASE WHEN p.puballtables THEN 'FOR ALL TABLES' END
  FROM pg_publication p
 WHERE ",
    not_in_extension!("pg_publication", "p.oid"),
    // Subscriptions are the cluster's: this database's. Only columns everyone may read.
    "
UNION ALL
SELECT 'subscription', s.subname::text, NULL, NULL
  FROM pg_subscription s
 WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
) u
 ORDER BY u.kind COLLATE \"C\", u.object COLLATE \"C\", u.detail COLLATE \"C\""
);

/// The refusal's object word and the reason, by kind; None for a kind the query does
/// not give.
fn describe(kind: &str) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        "view" => ("view", "views are not modelled"),
        "materialized view" => ("materialized view", "materialized views are not modelled"),
        "foreign table" => ("foreign table", "foreign tables are not modelled"),
        "composite type" => (
            "type",
            "composite types are not modelled (the model has enum types only)",
        ),
        "range type" => (
            "type",
            "range types are not modelled (the model has enum types only)",
        ),
        "base type" => (
            "type",
            "base types are not modelled (the model has enum types only)",
        ),
        "shell type" => (
            "type",
            "a shell type (CREATE TYPE without a definition): the model has enum types only",
        ),
        "domain" => ("domain", "domains are not modelled"),
        "policy" => ("policy", "policies (row level security) are not modelled"),
        "rule" => ("rule", "rules are not modelled"),
        "trigger" => (
            "trigger",
            "on a view or foreign table: the model's triggers are on tables",
        ),
        "index" => (
            "index",
            "on a materialized view: the model's indexes are on tables",
        ),
        "statistics" => ("statistics", "extended statistics are not modelled"),
        "operator" => ("operator", "operators are not modelled"),
        "operator class" => ("operator class", "operator classes are not modelled"),
        "operator family" => ("operator family", "operator families are not modelled"),
        "collation" => ("collation", "collations are not modelled"),
        "conversion" => ("conversion", "conversions are not modelled"),
        "text search configuration" => (
            "text search configuration",
            "text search configurations are not modelled",
        ),
        "text search dictionary" => (
            "text search dictionary",
            "text search dictionaries are not modelled",
        ),
        "text search parser" => ("text search parser", "text search parsers are not modelled"),
        "text search template" => (
            "text search template",
            "text search templates are not modelled",
        ),
        "cast" => ("cast", "casts are not modelled"),
        "transform" => ("transform", "transforms are not modelled"),
        "event trigger" => ("event trigger", "event triggers are not modelled"),
        "language" => ("language", "procedural languages are not modelled"),
        "access method" => ("access method", "access methods are not modelled"),
        "foreign-data wrapper" => (
            "foreign-data wrapper",
            "foreign-data wrappers are not modelled",
        ),
        "server" => ("server", "foreign servers are not modelled"),
        "publication" => ("publication", "publications are not modelled"),
        "subscription" => ("subscription", "subscriptions are not modelled"),
        _ => return None,
    })
}

/// Definitions longer than this (in characters) are cut: the refusal names the object,
/// the database holds the rest.
const DETAIL_MAX: usize = 200;

/// A definition on one line (a view's is printed over many), cut after [`DETAIL_MAX`].
fn short(detail: &str) -> String {
    let one_line = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = one_line.trim_end_matches(';');
    match one_line.char_indices().nth(DETAIL_MAX) {
        Some((cut, _)) => format!("{} ...", &one_line[..cut]),
        None => one_line.to_string(),
    }
}

pub(super) fn read(rows: &[Row], refusals: &mut Refusals) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("unmodelled", row, 4)?;
        let (kind, name) = (f.text(0)?, f.text(1)?);
        if f.opt(2).is_some_and(crate::read::is_runner_table) {
            continue;
        }
        let (word, reason) =
            describe(kind).ok_or_else(|| f.error(format!("unknown kind {kind:?} of {name}")))?;
        let reason = match f.opt(3).filter(|d| !d.trim().is_empty()) {
            Some(detail) => format!("{reason}: {}", short(detail)),
            None => reason.to_string(),
        };
        refusals.push(format!("{word} {name}"), reason);
    }
    Ok(())
}
