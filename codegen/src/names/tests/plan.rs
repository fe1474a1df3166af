//! Names follow the resolve stage's plan: a column gets a choice type or a target enum exactly
//! when its plan's representation uses one, as the emitter (which reads the plan) expects.

use super::*;
use crate::model::{ChoiceOption, ColumnType};

/// An activity with every kind of column a type name depends on.
fn activity() -> Model {
    use ColumnType::{Lookup, MultiSelectPicklist, PartyList, Picklist, String};
    let mut t = table(
        "sample_meeting",
        &[
            // A known participation type: its parties, with a target enum.
            ("to", Some(PartyList), &["account", "contact"]),
            // No known participation type: raw JSON.
            (
                "sample_signatories",
                Some(PartyList),
                &["contact", "systemuser"],
            ),
            // Parties with no listed target: no target enum.
            ("organizer", Some(PartyList), &[]),
            ("regardingobjectid", Some(Lookup), &["account"]),
            ("opened", Some(Lookup), &[]),
            // Targets and no Type (an extension page): a lookup.
            ("kind", None, &["account"]),
            ("pick", Some(Picklist), &[]),
            ("tags", Some(MultiSelectPicklist), &[]),
            // Options and no Type: a choice.
            ("untyped", None, &[]),
            ("subject", Some(String), &[]),
        ],
    );
    for c in ["pick", "tags", "untyped"] {
        let option = ChoiceOption {
            value: 1,
            label: "One".into(),
            ..ChoiceOption::default()
        };
        t.columns
            .get_mut(c)
            .expect("column")
            .options
            .insert(1, option);
    }
    let mut model = Model::default();
    model.tables.insert("sample_meeting".into(), t);
    model.tables.insert("account".into(), table("account", &[]));
    model
}

/// The plan of each table `only` holds.
fn plans_of(model: &Model, only: &BTreeSet<String>) -> BTreeMap<String, TablePlan> {
    let chosen = model.tables.iter().filter(|(l, _)| only.contains(*l));
    chosen
        .map(|(l, t)| (l.clone(), resolve::table(model, t)))
        .collect()
}

fn assign_planned(
    model: &Model,
    only: &BTreeSet<String>,
    plans: &BTreeMap<String, TablePlan>,
) -> Names {
    let options = AssignOptions {
        only: Some(only),
        plans: Some(plans),
        ..AssignOptions::default()
    };
    assign_with(model, &NamesLock::default(), options).names
}

#[test]
fn a_column_gets_a_type_exactly_when_its_plan_uses_one() {
    let model = activity();
    let only: BTreeSet<String> = ["sample_meeting".to_string()].into();
    let plans = plans_of(&model, &only);
    let names = assign_planned(&model, &only, &plans);
    // The table the selection leaves out has no plan and no member names.
    assert_eq!(names.tables.keys().collect::<Vec<_>>(), ["sample_meeting"]);
    let plan = &plans["sample_meeting"];
    let columns = &names.tables["sample_meeting"].columns;
    for (logical, cn) in columns {
        let (repr, targets) = (plan.columns[logical].repr, &plan.columns[logical].targets);
        let choice = matches!(repr, Repr::Choice | Repr::MultiChoice);
        assert_eq!(cn.choice.is_some(), choice, "{logical}: {repr:?}");
        let target_enum = matches!(repr, Repr::Lookup | Repr::Parties(_)) && !targets.is_empty();
        assert_eq!(cn.targets.is_some(), target_enum, "{logical}: {repr:?}");
        if let Some(named) = &cn.targets {
            let planned: Vec<&String> = targets.iter().map(|t| &t.table).collect();
            assert_eq!(named.variants.keys().collect::<Vec<_>>(), planned);
        }
    }
    // The PartyList column with no known participation type is raw JSON in the plan, so the
    // emitter writes no target enum for it: names give it none either.
    assert_eq!(plan.columns["sample_signatories"].repr, Repr::Raw);
    assert!(columns["sample_signatories"].targets.is_none());
    assert_eq!(plan.columns["to"].repr, Repr::Parties(2));
    assert!(columns["to"].targets.is_some());
    assert!(columns["kind"].targets.is_some() && columns["untyped"].choice.is_some());
    // Without plans, names decide as the plans do.
    let options = AssignOptions {
        only: Some(&only),
        ..AssignOptions::default()
    };
    let unplanned = assign_with(&model, &NamesLock::default(), options).names;
    assert_eq!(format!("{unplanned:?}"), format!("{names:?}"));
}

#[test]
fn names_read_the_plan_they_are_given() {
    let model = activity();
    let only: BTreeSet<String> = ["sample_meeting".to_string()].into();
    let mut plans = plans_of(&model, &only);
    let plan = plans.get_mut("sample_meeting").expect("planned");
    // A plan that keeps a lookup as raw JSON and reads a string column as a choice.
    let mut set = |column: &str, repr| {
        plan.columns.get_mut(column).expect("column").repr = repr;
    };
    set("regardingobjectid", Repr::Raw);
    set("subject", Repr::Choice);
    let names = assign_planned(&model, &only, &plans);
    let columns = &names.tables["sample_meeting"].columns;
    assert!(columns["regardingobjectid"].targets.is_none());
    assert!(columns["subject"].choice.is_some());
    assert!(columns["to"].targets.is_some(), "the rest as planned");
}
