//! Triggers (not the internal ones that implement foreign keys), from the `tgtype` bits.

use super::fields::Fields;
use super::{key_sql, names_json, names_sql, tables_cte, CatalogError, Refusals, Row};
use crate::model::{Schema, Trigger, TriggerEvent, TriggerLevel, TriggerTiming};

/// table, name, tgtype, tgenabled, UPDATE OF columns (JSON), the same (as printed),
/// function, function (as printed), pg_get_triggerdef, name (as printed), table (as
/// printed, schema-qualified)
pub(super) const SQL: &str = concat!(
    tables_cte!(),
    "SELECT t.key, tg.tgname::text, tg.tgtype::text, tg.tgenabled::text,
       ",
    names_json!("tg.tgattr", "tg.tgrelid", ""),
    ",
       ",
    names_sql!("tg.tgattr", "tg.tgrelid", ""),
    ",
       ",
    key_sql!("pn.nspname", "p.proname"),
    ",
       CASE WHEN pg_function_is_visible(p.oid) THEN quote_ident(p.proname)
            ELSE quote_ident(pn.nspname) || '.' || quote_ident(p.proname) END,
       pg_get_triggerdef(tg.oid),
       quote_ident(tg.tgname), quote_ident(t.nspname) || '.' || quote_ident(t.relname)
  FROM tabs t JOIN pg_trigger tg ON tg.tgrelid = t.oid
  JOIN pg_proc p ON p.oid = tg.tgfoid
  JOIN pg_namespace pn ON pn.oid = p.pronamespace
 WHERE NOT tg.tgisinternal
 ORDER BY t.key, tg.tgname"
);

// pg_trigger.tgtype bits (catalog/pg_trigger.h).
const ROW: i64 = 1 << 0;
const BEFORE: i64 = 1 << 1;
const INSERT: i64 = 1 << 2;
const DELETE: i64 = 1 << 3;
const UPDATE: i64 = 1 << 4;
const TRUNCATE: i64 = 1 << 5;
const INSTEAD: i64 = 1 << 6;

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("triggers", row, 11)?;
        let (table, name) = (f.text(0)?, f.text(1)?);
        let object = format!("trigger {table}.{name}");
        let definition = f.text(8)?;
        let bits = f.int(2)?;
        let enabled = match f.text(3)? {
            "O" => true,
            "D" => false,
            other => {
                let how = if other == "A" { "ALWAYS" } else { "REPLICA" };
                refusals.push(
                    object,
                    format!(
                        "enabled {how} ({definition}): the model's triggers are enabled or disabled"
                    ),
                );
                continue;
            }
        };
        let timing = if bits & INSTEAD != 0 {
            TriggerTiming::InsteadOf
        } else if bits & BEFORE != 0 {
            TriggerTiming::Before
        } else {
            TriggerTiming::After
        };
        // The model's order (that of its enum); PostgreSQL prints DELETE before UPDATE.
        let events: Vec<TriggerEvent> = [
            (INSERT, TriggerEvent::Insert),
            (UPDATE, TriggerEvent::Update),
            (DELETE, TriggerEvent::Delete),
            (TRUNCATE, TriggerEvent::Truncate),
        ]
        .into_iter()
        .filter(|(bit, _)| bits & bit != 0)
        .map(|(_, e)| e)
        .collect();
        let level = if bits & ROW != 0 {
            TriggerLevel::Row
        } else {
            TriggerLevel::Statement
        };
        let update_of = f
            .list(4)?
            .into_iter()
            .map(|n| n.ok_or_else(|| f.error(format!("{object}: a NULL UPDATE OF column"))))
            .collect::<Result<Vec<_>, _>>()?;
        let printed = printed(&f, &events, timing, level)?;
        if definition != printed {
            refusals.push(
                object,
                format!(
                    "{definition}: the model can only say `{printed}` \
                     (no WHEN, arguments, REFERENCING, constraint trigger, ...)"
                ),
            );
            continue;
        }
        let Some(t) = schema.tables.get_mut(table) else {
            return Err(f.error(format!("{object}: no such table among the columns")));
        };
        t.triggers.insert(
            name.to_string(),
            Trigger {
                timing,
                events,
                update_of,
                level,
                function: f.text(6)?.to_string(),
                enabled,
            },
        );
    }
    Ok(())
}

/// The definition as `pg_get_triggerdef` prints a trigger the model can hold.
fn printed(
    f: &Fields<'_>,
    events: &[TriggerEvent],
    timing: TriggerTiming,
    level: TriggerLevel,
) -> Result<String, CatalogError> {
    let timing = timing.sql();
    let update_of = f
        .opt(5)
        .map(|cols| format!(" OF {cols}"))
        .unwrap_or_default();
    let events: Vec<String> = [
        TriggerEvent::Insert,
        TriggerEvent::Delete,
        TriggerEvent::Update,
        TriggerEvent::Truncate,
    ]
    .into_iter()
    .filter(|e| events.contains(e))
    .map(|e| match e {
        TriggerEvent::Update => format!("UPDATE{update_of}"),
        other => other.sql().to_string(),
    })
    .collect();
    let level = level.sql();
    Ok(format!(
        "CREATE TRIGGER {} {timing} {} ON {} FOR EACH {level} EXECUTE FUNCTION {}()",
        f.text(9)?,
        events.join(" OR "),
        f.text(10)?,
        f.text(7)?
    ))
}
