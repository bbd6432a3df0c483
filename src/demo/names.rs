//! Client names per country and profile, built from word lists so that every
//! index gives a different name, at any scale.

use super::places::Country;
use super::rng::Rng;
use super::words;
use crate::domain::client::Profile;

/// A generated name, the town it belongs to and a plausible e-mail address.
pub struct ClientName {
    pub name: String,
    /// Index in [`Country::towns`].
    pub town: usize,
    pub email: String,
}

/// Splits `k` into one index per list so that every `k` below the product of
/// the lengths gives a different combination and all indices move from the
/// first `k` on. The remainder (the "cycle") tells apart what lies beyond.
pub fn compose<const N: usize>(k: usize, lens: [usize; N]) -> ([usize; N], usize) {
    let mut out = [0; N];
    let mut rest = k;
    let mut shift = 0;
    for (o, len) in out.iter_mut().zip(lens) {
        let len = len.max(1);
        *o = (rest % len + shift) % len;
        shift += *o;
        rest /= len;
    }
    (out, rest)
}

/// Variant (legal form, department, middle initial) and number suffix for a
/// combination: `(bias + cycle) mod V` and `cycle / V`, one-to-one in `cycle`.
fn variant(bias: usize, cycle: usize, count: usize) -> (usize, usize) {
    let count = count.max(1);
    ((bias + cycle) % count, cycle / count)
}

fn get<'a>(list: &[&'a str], i: usize) -> &'a str {
    list.get(i).copied().unwrap_or_default()
}

/// Name number `k` of its country and profile.
pub fn client_name(country: Country, profile: Profile, k: usize, rng: &mut Rng) -> ClientName {
    match profile {
        Profile::Administration => administration(country, k),
        Profile::Business => business(country, k, rng),
        Profile::Individual => individual(country, k, rng),
    }
}

fn with_number(mut name: String, n: usize) -> String {
    if n > 0 {
        name.push(' ');
        name.push_str(&(n + 1).to_string());
    }
    name
}

fn administration(country: Country, k: usize) -> ClientName {
    let towns = country.towns();
    let bodies = words::bodies(country);
    let depts = words::departments(country);
    let ([t, b], cycle) = compose(k, [towns.len(), bodies.len()]);
    let (d, n) = variant(0, cycle, depts.len());
    let town = towns.get(t).map(|t| t.0).unwrap_or_default();
    let mut template = get(bodies, b).to_string();
    if country == Country::Fr && town.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Î']) {
        template = template.replace("de {}", "d'{}");
    }
    let mut name = template.replace("{}", town);
    let dept = get(depts, d);
    if !dept.is_empty() {
        name.push_str(", ");
        name.push_str(dept);
    }
    // The town's own domain for the town hall, the body's name for the others.
    let slug = fold(town);
    let body = fold(&get(bodies, b).replace(" {}", "").replace("{} ", ""));
    let email = match (country, b) {
        (Country::Fr, 0) => format!("factures@ville-{slug}.fr"),
        (Country::No, _) => format!("postmottak@{slug}.kommune.no"),
        (Country::Es, 0) => format!("facturacion@ayto-{slug}.es"),
        (Country::Gb, 0) => format!("accounts.payable@{slug}.gov.uk"),
        (Country::De, 0) => format!("rechnungseingang@stadt-{slug}.de"),
        (Country::Fr, _) => format!("factures@{body}-{slug}.fr"),
        (Country::Es, _) => format!("facturacion@{body}-{slug}.es"),
        (Country::Gb, _) => format!("accounts.payable@{slug}-{body}.org.uk"),
        (Country::De, _) => format!("rechnungseingang@{body}-{slug}.de"),
    };
    ClientName {
        name: with_number(name, n),
        town: t,
        email,
    }
}

fn business(country: Country, k: usize, rng: &mut Rng) -> ClientName {
    let (first, second) = words::business_parts(country);
    let forms = words::legal_forms(country);
    let ([a, b], cycle) = compose(k, [first.len(), second.len()]);
    // Most firms carry the country's usual form; some another one.
    let h = (a * 31 + b * 17) % 10;
    let bias = if h < 7 {
        0
    } else {
        1 + h % (forms.len().max(2) - 1)
    };
    let (f, n) = variant(bias, cycle, forms.len());
    let (x, y) = (get(first, a), get(second, b));
    let base = with_number(format!("{x} {y}"), n);
    let name = format!("{base} {}", get(forms, f));
    let slug = fold(&base);
    let email = match country {
        Country::Fr => format!("compta@{slug}.fr"),
        Country::No => format!("faktura@{slug}.no"),
        Country::Es => format!("administracion@{slug}.es"),
        Country::Gb => format!("accounts@{slug}.co.uk"),
        Country::De => format!("buchhaltung@{slug}.de"),
    };
    ClientName {
        name,
        town: rng.index(country.towns().len()),
        email,
    }
}

fn individual(country: Country, k: usize, rng: &mut Rng) -> ClientName {
    let firsts = words::first_names(country);
    let lasts = words::last_names(country);
    let initials = words::INITIALS;
    let (first, last, cycle) = if country == Country::Es {
        // Two surnames: "Lucía Fernández García".
        let ([f, l1, l2], cycle) = compose(k, [firsts.len(), lasts.len(), lasts.len()]);
        let second = get(lasts, (l2 + 7) % lasts.len().max(1));
        (
            get(firsts, f),
            format!("{} {second}", get(lasts, l1)),
            cycle,
        )
    } else {
        let ([f, l], cycle) = compose(k, [firsts.len(), lasts.len()]);
        (get(firsts, f), get(lasts, l).to_string(), cycle)
    };
    let (m, n) = variant(0, cycle, initials.len());
    let middle = get(initials, m);
    let name = if middle.is_empty() {
        format!("{first} {last}")
    } else {
        format!("{first} {middle} {last}")
    };
    let mut local = format!("{}.{}", fold(first), fold(&last));
    if cycle > 0 {
        local.push_str(&cycle.to_string());
    }
    let provider = rng.pick(words::mail_providers(country));
    ClientName {
        name: with_number(name, n),
        town: rng.index(country.towns().len()),
        email: format!("{local}@{provider}"),
    }
}

/// Lower-case ASCII for e-mail addresses: accents folded, spaces and
/// punctuation turned into `-`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let r: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'à' | 'á' | 'â' | 'ä' | 'å' => "a",
            'æ' => "ae",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ß' => "ss",
            _ => "-",
        };
        if r == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(r);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn compose_is_one_to_one() {
        let mut seen = HashSet::new();
        for k in 0..5_000 {
            assert!(seen.insert(compose(k, [7, 5, 3])));
        }
    }

    #[test]
    fn first_names_are_the_familiar_ones() {
        let mut r = Rng::new(1);
        let n = |c, p, r: &mut Rng| client_name(c, p, 0, r).name;
        assert_eq!(
            n(Country::Fr, Profile::Administration, &mut r),
            "Mairie de Villeurbanne"
        );
        assert_eq!(
            n(Country::No, Profile::Administration, &mut r),
            "Oslo kommune, Bymiljøetaten"
        );
        assert_eq!(
            n(Country::Es, Profile::Administration, &mut r),
            "Ayuntamiento de Getafe"
        );
        assert_eq!(
            n(Country::Gb, Profile::Administration, &mut r),
            "Leeds City Council"
        );
        assert_eq!(
            n(Country::De, Profile::Administration, &mut r),
            "Stadt Köln"
        );
        assert_eq!(
            n(Country::Fr, Profile::Business, &mut r),
            "Boulangerie Martin SARL"
        );
        assert_eq!(
            n(Country::No, Profile::Business, &mut r),
            "Fjordline Rørlegger AS"
        );
        assert_eq!(
            n(Country::Es, Profile::Business, &mut r),
            "Talleres Ruiz S.L."
        );
        assert_eq!(
            n(Country::Gb, Profile::Business, &mut r),
            "Harbour Joinery Ltd"
        );
        assert_eq!(
            n(Country::De, Profile::Business, &mut r),
            "Weber Logistik GmbH"
        );
        assert_eq!(
            n(Country::Fr, Profile::Individual, &mut r),
            "Camille Durand"
        );
        assert_eq!(
            n(Country::No, Profile::Individual, &mut r),
            "Ingrid Solberg"
        );
        assert_eq!(
            n(Country::Es, Profile::Individual, &mut r),
            "Lucía Fernández García"
        );
        assert_eq!(n(Country::Gb, Profile::Individual, &mut r), "Oliver Hughes");
        assert_eq!(n(Country::De, Profile::Individual, &mut r), "Jonas Becker");
    }

    #[test]
    fn names_stay_unique_far_beyond_the_word_lists() {
        let mut r = Rng::new(3);
        for c in Country::ALL {
            for &p in Profile::ALL {
                let mut seen = HashSet::new();
                for k in 0..40_000 {
                    let name = client_name(c, p, k, &mut r).name;
                    assert!(seen.insert(name.clone()), "{name} twice");
                }
            }
        }
    }

    #[test]
    fn folding_makes_mail_safe_names() {
        assert_eq!(fold("Fjordline Rørlegger"), "fjordline-rorlegger");
        assert_eq!(fold("Lucía Fernández"), "lucia-fernandez");
        assert_eq!(fold("Straße & Söhne"), "strasse-sohne");
        assert_eq!(fold("Saint-Étienne"), "saint-etienne");
    }
}
