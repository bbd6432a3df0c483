//! Demo clients and their solvency notes: every profile in every country,
//! with the few special cases the screens need (a hold, pilots ending).

use super::names::client_name;
use super::places::Country;
use super::rng::{Rng, day, working_day};
use super::texts::solvency_text;
use crate::domain::client::{Client, Profile, Rating};
use crate::domain::solvency::{SolvencyNote, SolvencySource};

/// Clients 0–14 cover every country × profile: `i % 5` is the country and
/// `i / 5` the profile (administrations, businesses, individuals). A few of
/// them carry the special cases.
pub const HOLD: usize = 8; // GB business
pub const PILOT_SOON: usize = 5; // FR business
pub const PILOT_LATER: usize = 6; // NO business
pub const PILOT_ENDED: usize = 9; // DE business
pub const DEPOSIT: usize = 7; // ES business, rated C, 30 % deposit
pub const RISKY: usize = 12; // ES individual, rated D, 50 % deposit

/// What the rest of the generator needs to know about a client.
#[derive(Clone, Debug)]
pub struct ClientPlan {
    pub country: Country,
    pub profile: Profile,
    pub terms: i32,
    /// Index in the clerk list.
    pub clerk: usize,
    /// Relative number of invoices.
    pub weight: u32,
}

pub struct Clients {
    pub clients: Vec<Client>,
    pub plans: Vec<ClientPlan>,
    pub notes: Vec<SolvencyNote>,
}

/// How many clients a portfolio of `invoices` invoices has.
pub fn client_count(invoices: usize) -> usize {
    (invoices / 40).max(30)
}

pub fn generate_clients(count: usize, today: i32, clerks: &[String], rng: &mut Rng) -> Clients {
    let mut out = Clients {
        clients: Vec::with_capacity(count),
        plans: Vec::with_capacity(count),
        notes: Vec::with_capacity(count + count / 2),
    };
    let mut per_combo = [0usize; 15];
    for i in 0..count {
        let (country, profile) = if i < 15 {
            (Country::ALL[i % 5], Profile::ALL[i / 5])
        } else {
            (
                rng.weighted([
                    (Country::Fr, 30),
                    (Country::No, 20),
                    (Country::Es, 20),
                    (Country::Gb, 20),
                    (Country::De, 10),
                ]),
                rng.weighted([
                    (Profile::Administration, 15),
                    (Profile::Business, 55),
                    (Profile::Individual, 30),
                ]),
            )
        };
        let combo = country as usize * 3 + profile as usize;
        let k = per_combo.get(combo).copied().unwrap_or(0);
        if let Some(c) = per_combo.get_mut(combo) {
            *c += 1;
        }
        let clerk = i % clerks.len().max(1);
        let (client, plan) = one_client(i, k, country, profile, clerk, clerks, today, rng);
        add_notes(&client, &plan, today, clerks, rng, &mut out.notes);
        out.clients.push(client);
        out.plans.push(plan);
    }
    out
}

fn rating_for(i: usize, profile: Profile, rng: &mut Rng) -> Rating {
    match (i, profile) {
        (DEPOSIT, _) => Rating::C,
        (RISKY, _) => Rating::D,
        (HOLD, _) => Rating::B,
        (_, Profile::Administration) => {
            rng.weighted([(Rating::A, 70), (Rating::B, 25), (Rating::C, 5)])
        }
        (_, Profile::Business) => rng.weighted([
            (Rating::A, 30),
            (Rating::B, 40),
            (Rating::C, 20),
            (Rating::D, 10),
        ]),
        (_, Profile::Individual) => rng.weighted([
            (Rating::A, 30),
            (Rating::B, 45),
            (Rating::C, 18),
            (Rating::D, 7),
        ]),
    }
}

/// Credit limit in whole units of the client's currency.
fn limit_for(country: Country, profile: Profile, rating: Rating, rng: &mut Rng) -> Option<i64> {
    let base: f64 = match (profile, rating) {
        (Profile::Administration, Rating::A) => 150_000.0,
        (Profile::Administration, Rating::B) => 80_000.0,
        (Profile::Administration, _) => 30_000.0,
        (Profile::Business, Rating::A) => 40_000.0,
        (Profile::Business, Rating::B) => 20_000.0,
        (Profile::Business, Rating::C) => 8_000.0,
        (Profile::Business, Rating::D) => 2_000.0,
        (Profile::Individual, Rating::A) => 3_000.0,
        (Profile::Individual, Rating::B) => 2_000.0,
        (Profile::Individual, Rating::C) => 1_000.0,
        (Profile::Individual, Rating::D) => return None,
    };
    let step = if country == Country::No {
        5_000.0
    } else {
        500.0
    };
    let raw = base * country.price_factor() * (0.6 + rng.unit() * 0.9);
    Some((((raw / step).round()).max(1.0) * step) as i64 * 100)
}

#[allow(clippy::too_many_arguments)]
fn one_client(
    i: usize,
    k: usize,
    country: Country,
    profile: Profile,
    clerk: usize,
    clerks: &[String],
    today: i32,
    rng: &mut Rng,
) -> (Client, ClientPlan) {
    let name = client_name(country, profile, k, rng);
    let rating = rating_for(i, profile, rng);
    let deposit_pct = match (i, rating) {
        (DEPOSIT, _) => 30,
        (RISKY, _) => 50,
        (_, Rating::D) if rng.chance(0.8) => 50,
        (_, Rating::D) => 30,
        (_, Rating::C) if rng.chance(0.4) => 30,
        _ => 0,
    };
    let terms = match profile {
        Profile::Administration => rng.weighted([(45, 65), (60, 35)]),
        Profile::Business => rng.weighted([(30, 75), (45, 12), (60, 5), (14, 8)]),
        Profile::Individual => 14,
    };
    let email_p = match profile {
        Profile::Administration => 0.9,
        Profile::Business => 0.75,
        Profile::Individual => 0.55,
    };
    let mobile = match profile {
        Profile::Administration => false,
        Profile::Business => rng.chance(0.2),
        Profile::Individual => rng.chance(0.85),
    };
    let phone = rng
        .chance(0.96)
        .then(|| country.phone(name.town, mobile, rng));
    let email = rng.chance(email_p).then_some(name.email);
    let address = rng.chance(0.98).then(|| country.address(name.town, rng));
    let pilot_ends_on = match i {
        PILOT_SOON => Some(today + 9),
        PILOT_LATER => Some(today + 75),
        PILOT_ENDED => Some(today - 20),
        _ if i >= 15 && profile == Profile::Business && rng.chance(0.03) => {
            Some(today + rng.range(-400, 120))
        }
        _ => None,
    };
    let weight = match profile {
        Profile::Administration => 3,
        Profile::Business => 2,
        Profile::Individual => 1,
    } * rng.range(1, 4) as u32;
    let client = Client {
        code: format!("{}-{:05}", country.code(), i + 1),
        name: name.name,
        profile,
        language: country.language(),
        country: Some(country.code().to_string()),
        phone,
        email,
        address,
        terms_days: terms as u32,
        credit_limit: limit_for(country, profile, rating, rng),
        currency: country.currency(),
        deposit_pct,
        rating: Some(rating),
        clerk: clerks.get(clerk).cloned(),
        pilot_ends_on: pilot_ends_on.map(day),
        hold_until: (i == HOLD).then(|| day(today + 12)),
        late_rate: None,
        late_fee: None,
        contact_name: None,
        contact_title: None,
    };
    let client = with_contact(client, country, i);
    let plan = ClientPlan {
        country,
        profile,
        terms,
        clerk,
        weight,
    };
    (client, plan)
}

fn source_for(profile: Profile, rng: &mut Rng) -> SolvencySource {
    use SolvencySource::*;
    match profile {
        Profile::Administration => rng.weighted([(PaymentHistory, 80), (Bank, 20)]),
        Profile::Business => rng.weighted([
            (CreditBureau, 60),
            (Bank, 12),
            (TradeReference, 15),
            (Visit, 8),
            (PaymentHistory, 5),
        ]),
        Profile::Individual => rng.weighted([(PaymentHistory, 70), (Bank, 20), (Visit, 10)]),
    }
}

/// One note for the current rating, and for about a third of the clients an
/// older one with another rating; the newest note sets the client's rating.
fn add_notes(
    client: &Client,
    plan: &ClientPlan,
    today: i32,
    clerks: &[String],
    rng: &mut Rng,
    out: &mut Vec<SolvencyNote>,
) {
    let rating = client.rating.unwrap_or(Rating::B);
    let latest = working_day(today - rng.range(15, 420));
    let author = |rng: &mut Rng| {
        let i = if rng.chance(0.8) {
            plan.clerk
        } else {
            rng.index(clerks.len())
        };
        clerks.get(i).cloned().unwrap_or_default()
    };
    if rng.chance(0.35) {
        let before = match rating {
            Rating::A => Rating::B,
            Rating::D => Rating::C,
            Rating::B => rng.weighted([(Rating::A, 1), (Rating::C, 1)]),
            Rating::C => rng.weighted([(Rating::B, 1), (Rating::D, 1)]),
        };
        let source = source_for(plan.profile, rng);
        out.push(SolvencyNote {
            client_code: client.code.clone(),
            on: day(working_day(latest - rng.range(90, 500))),
            source,
            rating: before,
            recommended_limit: limit_for(plan.country, plan.profile, before, rng),
            text: solvency_text(plan.country, plan.profile, source, before, rng),
            author: author(rng),
        });
    }
    let source = source_for(plan.profile, rng);
    out.push(SolvencyNote {
        client_code: client.code.clone(),
        on: day(latest),
        source,
        rating,
        recommended_limit: client.credit_limit,
        text: solvency_text(plan.country, plan.profile, source, rating, rng),
        author: author(rng),
    });
}

/// Three businesses or public bodies in five have a named contact, with
/// the title the letters' salutations use; taken by index, so that the
/// rest of the demo stays as it was.
fn with_contact(mut c: Client, country: Country, i: usize) -> Client {
    use crate::domain::client::Title::{Mr, Mrs, Ms};
    if c.profile == Profile::Individual || i % 5 >= 3 {
        return c;
    }
    let people = match country {
        Country::Fr => [
            (Ms, "Claire Dubois"),
            (Mr, "Jean Moreau"),
            (Ms, "Nathalie Lefèvre"),
            (Mr, "Philippe Garnier"),
        ],
        Country::Es => [
            (Ms, "Lucía Fernández García"),
            (Mr, "Javier Martín López"),
            (Ms, "Carmen Ruiz Ortega"),
            (Mr, "Antonio Navarro Gil"),
        ],
        Country::No => [
            (Ms, "Kari Nordmann"),
            (Mr, "Lars Bakke"),
            (Ms, "Ingrid Solberg"),
            (Mr, "Erik Haugland"),
        ],
        Country::Gb => [
            (Ms, "Ann Hughes"),
            (Mr, "David Smith"),
            (Mrs, "Susan Clarke"),
            (Mr, "Peter Walsh"),
        ],
        Country::De => [
            (Ms, "Anna Schneider"),
            (Mr, "Thomas Becker"),
            (Ms, "Julia Wagner"),
            (Mr, "Stefan Hoffmann"),
        ],
    };
    let (title, name) = people[(i / 5) % people.len()];
    c.contact_name = Some(name.to_string());
    c.contact_title = Some(title);
    c
}
