//! The names of dun's enums, spelled out once more by hand: they are stored
//! in the database, written in JSON and CSV, read from import files and
//! typed on the command line, so scripts and data rely on every byte. Each
//! test pins every variant's name, in the order the enum lists its
//! variants, and reads each name back to its variant.

use std::fmt::Debug;

use chrono::NaiveDate;
use dun::app::Tab;
use dun::domain::activity::ActivityKind;
use dun::domain::aging::Bucket;
use dun::domain::client::{Profile, Rating, Title};
use dun::domain::ladder::{Channel, StepAction};
use dun::domain::language::Language;
use dun::domain::payment::PaymentMethod;
use dun::domain::penalty::RateTable;
use dun::domain::reason::Reason;
use dun::domain::solvency::SolvencySource;
use dun::import::headers::{Field, FileKind};
use dun::letters::{Law, LetterKind};
use dun::record::client::ClientField;
use dun::store::aging::AgingSort;
use dun::store::client_list::ClientSort;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// `table` names every variant of `all`, in its order, as `name` does,
/// and `parse` reads each name back.
fn pinned<T: Copy + PartialEq + Debug>(
    table: &[(T, &str)],
    all: &[T],
    name: impl Fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
) {
    let listed: Vec<T> = table.iter().map(|(v, _)| *v).collect();
    assert_eq!(listed, all, "the table lists every variant, in order");
    names(table, name, parse);
}

/// `table` lists every variant of `all`, in order, each with the words
/// shown for it (words nobody types, so there is nothing to read back).
fn shown<T: Copy + PartialEq + Debug>(
    table: &[(T, &str)],
    all: &[T],
    name: impl Fn(T) -> &'static str,
) {
    let listed: Vec<T> = table.iter().map(|(v, _)| *v).collect();
    assert_eq!(listed, all, "the table lists every variant, in order");
    for &(v, s) in table {
        assert_eq!(name(v), s, "{v:?}'s words");
    }
}

/// Each name of `table` is its variant's, and reads back to it.
fn names<T: Copy + PartialEq + Debug>(
    table: &[(T, &str)],
    name: impl Fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
) {
    for &(v, s) in table {
        assert_eq!(name(v), s, "{v:?}'s name");
        assert_eq!(parse(s), Some(v), "{s:?} read back");
    }
}

/// Serde writes and reads each variant as its name in `table` (JSON exports,
/// `dun queue --format json`, the ladder's settings).
fn serde_names<T: Copy + PartialEq + Debug + Serialize>(table: &[(T, &str)]) {
    for &(v, s) in table {
        assert_eq!(serde_json::to_value(v).unwrap(), s, "{v:?} in JSON");
    }
}

fn serde_reads<T: Copy + PartialEq + Debug + DeserializeOwned>(table: &[(T, &str)]) {
    for &(v, s) in table {
        assert_eq!(
            serde_json::from_value::<T>(s.into()).unwrap(),
            v,
            "{s:?} read by serde"
        );
    }
}

#[test]
fn activity_kinds() {
    use ActivityKind::*;
    let table = [
        (Call, "call"),
        (Visit, "visit"),
        (Email, "email"),
        (Letter, "letter"),
        (Reminder, "reminder"),
        (FormalNotice, "formal_notice"),
        (Promise, "promise"),
        (Dispute, "dispute"),
        (DisputeResolved, "dispute_resolved"),
        (Payment, "payment"),
        (Statement, "statement"),
        (CreditCheck, "credit_check"),
        (Hold, "hold"),
        (Snooze, "snooze"),
        (Note, "note"),
        (Escalation, "escalation"),
        (PaymentPlan, "payment_plan"),
        (WriteOff, "write_off"),
        (Correction, "correction"),
        (ClientChange, "client_change"),
    ];
    pinned(
        &table,
        ActivityKind::ALL,
        ActivityKind::as_str,
        ActivityKind::parse,
    );
    serde_names(&table);
    assert_eq!(ActivityKind::parse(" Formal-Notice "), Some(FormalNotice));
    assert_eq!(ActivityKind::parse("lunch"), None);
}

#[test]
fn profiles() {
    use Profile::*;
    let table = [
        (Administration, "administration"),
        (Business, "business"),
        (Individual, "individual"),
    ];
    pinned(&table, Profile::ALL, Profile::as_str, Profile::parse);
    serde_names(&table);
    assert_eq!(Profile::parse(" Société "), Some(Business));
}

#[test]
fn ratings() {
    use Rating::*;
    let table = [(A, "A"), (B, "B"), (C, "C"), (D, "D")];
    pinned(&table, Rating::ALL, Rating::as_str, Rating::parse);
    serde_names(&table);
    assert_eq!(Rating::parse(" c "), Some(C));
    assert_eq!(Rating::parse("E"), None);
}

#[test]
fn titles() {
    use Title::*;
    let table = [(Mr, "mr"), (Ms, "ms"), (Mrs, "mrs")];
    let every = |t: Title| match t {
        Mr | Ms | Mrs => (),
    };
    table.iter().for_each(|(t, _)| every(*t));
    names(&table, Title::as_str, |s| Title::parse(s).ok().flatten());
    serde_names(&table);
}

#[test]
fn buckets() {
    use Bucket::*;
    let table = [
        (Current, "current"),
        (Days1To30, "1-30"),
        (Days31To60, "31-60"),
        (Days61To90, "61-90"),
        (Days91Plus, "91+"),
    ];
    pinned(&table, Bucket::ALL, Bucket::label, Bucket::parse);
    assert_eq!(Bucket::parse(" 91+ "), Some(Days91Plus));
}

#[test]
fn ladder_steps_and_channels() {
    use StepAction::*;
    let steps = [
        (Courtesy, "courtesy"),
        (Reminder1, "reminder1"),
        (Reminder2, "reminder2"),
        (Reminder3, "reminder3"),
        (FormalNotice, "formal_notice"),
    ];
    let every = |s: StepAction| match s {
        Courtesy | Reminder1 | Reminder2 | Reminder3 | FormalNotice => (),
    };
    steps.iter().for_each(|(s, _)| every(*s));
    let read = |s: &str| serde_json::from_value::<StepAction>(s.into()).ok();
    names(&steps, StepAction::as_str, read);

    let channels = [
        (Channel::Call, "call"),
        (Channel::Email, "email"),
        (Channel::Letter, "letter"),
    ];
    let every = |c: Channel| match c {
        Channel::Call | Channel::Email | Channel::Letter => (),
    };
    channels.iter().for_each(|(c, _)| every(*c));
    let read = |s: &str| serde_json::from_value::<Channel>(s.into()).ok();
    names(&channels, Channel::as_str, read);
    serde_reads(&channels);
}

#[test]
fn languages() {
    use Language::*;
    let table = [(En, "en"), (Fr, "fr"), (Nb, "nb"), (Es, "es")];
    pinned(&table, Language::ALL, Language::code, Language::parse);
    serde_names(&table);
    for (l, s) in table {
        assert_eq!(l.to_string(), s);
        assert_eq!(s.parse::<Language>(), Ok(l));
    }
    assert_eq!(Language::parse("Bokmål"), Some(Nb));
}

#[test]
fn payment_methods() {
    use PaymentMethod::*;
    let table = [
        (Transfer, "transfer"),
        (Card, "card"),
        (Cheque, "cheque"),
        (Cash, "cash"),
        (DirectDebit, "direct_debit"),
        (Other, "other"),
    ];
    let every = |m: PaymentMethod| match m {
        Transfer | Card | Cheque | Cash | DirectDebit | Other => (),
    };
    table.iter().for_each(|(m, _)| every(*m));
    names(&table, PaymentMethod::as_str, |s| {
        Some(PaymentMethod::parse(s))
    });
    serde_names(&table);
    assert_eq!(PaymentMethod::parse("Direct debit"), DirectDebit);
    assert_eq!(PaymentMethod::parse("barter"), Other);
}

#[test]
fn solvency_sources() {
    use SolvencySource::*;
    let table = [
        (CreditBureau, "credit_bureau"),
        (Bank, "bank"),
        (TradeReference, "trade_reference"),
        (PaymentHistory, "payment_history"),
        (Visit, "visit"),
    ];
    pinned(
        &table,
        SolvencySource::ALL,
        SolvencySource::as_str,
        SolvencySource::parse,
    );
    serde_names(&table);
    assert_eq!(SolvencySource::parse("Credit bureau"), Some(CreditBureau));
    assert_eq!(SolvencySource::parse("rumour"), None);
}

#[test]
fn letter_kinds_and_laws() {
    use LetterKind::*;
    let table = [
        (Courtesy, "courtesy"),
        (Reminder1, "reminder1"),
        (Reminder2, "reminder2"),
        (Reminder3, "reminder3"),
        (FormalNotice, "formal_notice"),
        (Statement, "statement"),
        (VisitConfirmation, "visit_confirmation"),
        (PilotEndNotice, "pilot_end_notice"),
        (DepositRequest, "deposit_request"),
    ];
    pinned(
        &table,
        LetterKind::ALL,
        LetterKind::as_str,
        LetterKind::parse,
    );
    serde_names(&table);
    for (k, s) in table {
        assert_eq!(k.to_string(), s);
        assert_eq!(s.parse::<LetterKind>(), Ok(k));
    }
    assert_eq!(
        "letter".parse::<LetterKind>(),
        Err(
            "unknown letter \"letter\" (expected courtesy, reminder1, reminder2, reminder3, \
             formal_notice, statement, visit_confirmation, \
             pilot_end_notice or deposit_request)"
                .to_string()
        )
    );

    let laws = [
        (Law::Eu, "eu"),
        (Law::Fr, "fr"),
        (Law::Es, "es"),
        (Law::No, "no"),
        (Law::Gb, "gb"),
    ];
    let every = |l: Law| match l {
        Law::Eu | Law::Fr | Law::Es | Law::No | Law::Gb => (),
    };
    laws.iter().for_each(|(l, _)| every(*l));
    for (l, s) in laws {
        assert_eq!(l.as_str(), s);
    }
    serde_names(&laws);
}

#[test]
fn rate_tables() {
    use RateTable::*;
    let table = [
        (Ecb, "ecb"),
        (FranceLegal, "france_legal"),
        (Spain, "spain"),
        (NorwayInterest, "norway_interest"),
        (NorwayCompensation, "norway_compensation"),
        (UkBankRate, "uk_bank_rate"),
    ];
    pinned(&table, RateTable::ALL, RateTable::key, RateTable::from_key);
    assert_eq!(UkBankRate.to_string(), "UK Bank Rate");
    assert_eq!(RateTable::from_key("ECB rate"), None);
}

#[test]
fn client_fields() {
    use ClientField::*;
    let table = [
        (Name, "name"),
        (Contact, "contact"),
        (Title, "title"),
        (Phone, "phone"),
        (Email, "email"),
        (Address, "address"),
        (Language, "language"),
        (Country, "country"),
        (Profile, "profile"),
        (Terms, "terms"),
        (CreditLimit, "credit-limit"),
        (Deposit, "deposit"),
        (PilotEnd, "pilot-end"),
        (Hold, "hold"),
        (Clerk, "clerk"),
    ];
    pinned(
        &table,
        ClientField::ALL,
        ClientField::key,
        ClientField::parse,
    );
    assert_eq!(ClientField::parse("credit_limit"), Some(CreditLimit));
    assert_eq!(ClientField::parse("E-mail"), Some(Email));
    assert_eq!(ClientField::parse("assigned clerk"), Some(Clerk));
    assert_eq!(ClientField::parse("rating"), None);
}

#[test]
fn list_orders() {
    let clients = [
        (ClientSort::Code, "code"),
        (ClientSort::Name, "name"),
        (ClientSort::Balance, "balance"),
        (ClientSort::Oldest, "oldest"),
    ];
    shown(&clients, ClientSort::ALL, ClientSort::label);
    assert_eq!(ClientSort::Oldest.next(), ClientSort::Code);

    let aging = [
        (AgingSort::Days, "days"),
        (AgingSort::Amount, "amount"),
        (AgingSort::Client, "client"),
    ];
    let every = |s: AgingSort| match s {
        AgingSort::Days | AgingSort::Amount | AgingSort::Client => (),
    };
    aging.iter().for_each(|(s, _)| every(*s));
    for (s, n) in aging {
        assert_eq!(s.label(), n);
    }
}

#[test]
fn tabs() {
    let table = [
        (Tab::Queue, "Queue"),
        (Tab::Aging, "Aging"),
        (Tab::Clients, "Clients"),
        (Tab::Journal, "Journal"),
    ];
    shown(&table, Tab::ALL, Tab::title);
}

#[test]
fn import_fields_and_file_kinds() {
    use Field::*;
    let table = [
        (InvoiceNumber, "invoice_number"),
        (ClientCode, "client_code"),
        (ClientName, "client_name"),
        (IssuedOn, "issued_on"),
        (DueOn, "due_on"),
        (Amount, "amount"),
        (Currency, "currency"),
        (SettledOn, "settled_on"),
        (Disputed, "disputed"),
        (Milestone, "milestone"),
        (IsDeposit, "is_deposit"),
        (ReceivedOn, "received_on"),
        (Method, "method"),
        (Reference, "reference"),
        (Profile, "profile"),
        (Language, "language"),
        (Country, "country"),
        (Phone, "phone"),
        (Email, "email"),
        (Address, "address"),
        (TermsDays, "terms_days"),
        (CreditLimit, "credit_limit"),
        (DepositPct, "deposit_pct"),
        (Rating, "rating"),
        (Clerk, "clerk"),
        (PilotEndsOn, "pilot_ends_on"),
        (HoldUntil, "hold_until"),
        (LateRate, "late_rate"),
        (LateFee, "late_fee"),
        (ContactName, "contact_name"),
        (ContactTitle, "contact_title"),
    ];
    let every = |f: Field| match f {
        InvoiceNumber | ClientCode | ClientName | IssuedOn | DueOn | Amount | Currency
        | SettledOn | Disputed | Milestone | IsDeposit | ReceivedOn | Method | Reference
        | Profile | Language | Country | Phone | Email | Address | TermsDays | CreditLimit
        | DepositPct | Rating | Clerk | PilotEndsOn | HoldUntil | LateRate | LateFee
        | ContactName | ContactTitle => (),
    };
    table.iter().for_each(|(f, _)| every(*f));
    for (f, s) in table {
        assert_eq!(f.name(), s);
        assert_eq!(f.to_string(), s);
    }

    let kinds = [
        (FileKind::Invoices, "invoices"),
        (FileKind::Payments, "payments"),
        (FileKind::Clients, "clients"),
    ];
    let every = |k: FileKind| match k {
        FileKind::Invoices | FileKind::Payments | FileKind::Clients => (),
    };
    kinds.iter().for_each(|(k, _)| every(*k));
    for (k, s) in kinds {
        assert_eq!(k.name(), s);
    }
}

#[test]
fn queue_reasons() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let table = [
        (Reason::BrokenPromise(d), "broken_promise"),
        (Reason::BrokenPlan(d), "broken_plan"),
        (Reason::FormalNoticeReady, "formal_notice_ready"),
        (Reason::Escalate, "escalate"),
        (Reason::Reminder(2), "reminder"),
        (Reason::PromiseDue(d), "promise_due"),
        (Reason::InstalmentDue(d), "instalment_due"),
        (Reason::DisputeReview(d), "dispute_review"),
        (Reason::EscalationReview(d), "escalation_review"),
        (Reason::NextAction(d), "next_action"),
        (Reason::VisitOutcome(d), "visit_outcome"),
        (Reason::ConfirmVisit(d), "confirm_visit"),
        (Reason::NoAcknowledgment(d), "no_acknowledgment"),
        (Reason::PilotEnds(d), "pilot_ends"),
        (Reason::DepositNeeded, "deposit_needed"),
        (Reason::UnpaidDeposit, "unpaid_deposit"),
        (Reason::Courtesy, "courtesy"),
        (Reason::SmallBalance, "small_balance"),
    ];
    let every = |r: Reason| match r {
        Reason::BrokenPromise(_)
        | Reason::BrokenPlan(_)
        | Reason::FormalNoticeReady
        | Reason::Escalate
        | Reason::Reminder(_)
        | Reason::PromiseDue(_)
        | Reason::InstalmentDue(_)
        | Reason::DisputeReview(_)
        | Reason::EscalationReview(_)
        | Reason::NextAction(_)
        | Reason::VisitOutcome(_)
        | Reason::ConfirmVisit(_)
        | Reason::NoAcknowledgment(_)
        | Reason::PilotEnds(_)
        | Reason::DepositNeeded
        | Reason::UnpaidDeposit
        | Reason::Courtesy
        | Reason::SmallBalance => (),
    };
    for (r, s) in table {
        every(r);
        assert_eq!(r.kind(), s);
        let json = serde_json::to_string(&r).unwrap();
        let expected = match r {
            Reason::Reminder(n) => format!(r#"{{"kind":"{s}","level":{n}}}"#),
            Reason::FormalNoticeReady
            | Reason::Escalate
            | Reason::DepositNeeded
            | Reason::UnpaidDeposit
            | Reason::Courtesy
            | Reason::SmallBalance => format!(r#"{{"kind":"{s}"}}"#),
            _ => format!(r#"{{"kind":"{s}","date":"2026-11-05"}}"#),
        };
        assert_eq!(json, expected);
        // Read back from its parts (what the kept queue stores).
        let (kind, date, level) = r.parts();
        assert_eq!(kind, s);
        assert_eq!(Reason::from_parts(kind, date, level), Some(r));
        // A dated kind without its date, a reminder without its level, an
        // unknown kind: none.
        if date.is_some() {
            assert_eq!(Reason::from_parts(kind, None, level), None);
        }
        if level.is_some() {
            assert_eq!(Reason::from_parts(kind, date, None), None);
        }
    }
    assert_eq!(Reason::from_parts("reminders", None, Some(1)), None);
    assert_eq!(Reason::from_parts("", None, None), None);
}
