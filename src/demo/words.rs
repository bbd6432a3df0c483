//! Word lists for demo names: public bodies, trades, legal forms, first and
//! last names, per country. No list may hold the same word twice.

use super::places::Country;

/// Public bodies; `{}` is the town.
#[rustfmt::skip]
pub fn bodies(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &[
            "Mairie de {}", "Centre hospitalier de {}", "Communauté d'agglomération de {}",
            "Centre communal d'action sociale de {}", "Régie des eaux de {}",
            "Office de tourisme de {}", "Médiathèque municipale de {}",
        ],
        Country::No => &[
            "{} kommune, Bymiljøetaten", "{} kommune, Utdanningsetaten", "{} kommune",
            "{} kommune, Helseetaten", "{} kommune, Eiendomsavdelingen", "{} havn KF",
            "{} kommune, Kulturetaten",
        ],
        Country::Es => &[
            "Ayuntamiento de {}", "Patronato Municipal de Deportes de {}",
            "Empresa Municipal de Aguas de {}", "Instituto Municipal de Cultura de {}",
            "Biblioteca Municipal de {}", "Consorcio de Transportes de {}",
        ],
        Country::Gb => &[
            "{} City Council", "{} Teaching Hospitals NHS Trust", "{} Schools Partnership Trust",
            "{} Community Housing", "{} Library Service", "{} Leisure Trust",
        ],
        Country::De => &[
            "Stadt {}", "Stadtwerke {}", "Universitätsklinikum {}", "Volkshochschule {}",
            "Stadtbibliothek {}", "Jobcenter {}",
        ],
    }
}

/// Departments that tell apart two bodies of the same town; the first is none.
#[rustfmt::skip]
pub fn departments(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &[
            "", "service des sports", "direction des finances", "services techniques",
            "service scolaire", "service culturel",
        ],
        Country::No => &[
            "", "avdeling nord", "avdeling sør", "avdeling øst", "avdeling vest",
            "sentraladministrasjonen",
        ],
        Country::Es => &[
            "", "Área de Deportes", "Área de Hacienda", "Servicios Técnicos", "Área de Educación",
            "Área de Cultura",
        ],
        Country::Gb => &[
            "", "Highways", "Finance", "Schools", "Leisure Services", "Housing",
        ],
        Country::De => &[
            "", "Tiefbauamt", "Kämmerei", "Schulamt", "Kulturamt", "Sportamt",
        ],
    }
}

/// The two word lists a firm's name is made of, in the order they are written.
pub fn business_parts(c: Country) -> (&'static [&'static str], &'static [&'static str]) {
    match c {
        Country::Fr => (FR_TRADES, FR_SURNAMES),
        Country::No => (NO_PREFIXES, NO_TRADES),
        Country::Es => (ES_TRADES, ES_SURNAMES),
        Country::Gb => (GB_PREFIXES, GB_TRADES),
        Country::De => (DE_SURNAMES, DE_TRADES),
    }
}

/// Legal forms, the usual one first.
#[rustfmt::skip]
pub fn legal_forms(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &["SARL", "SAS", "EURL", "SA"],
        Country::No => &["AS", "ANS", "DA"],
        Country::Es => &["S.L.", "S.A.", "S.L.U.", "S. Coop."],
        Country::Gb => &["Ltd", "LLP", "& Sons Ltd"],
        Country::De => &["GmbH", "GmbH & Co. KG", "KG", "AG", "e.K."],
    }
}

#[rustfmt::skip]
pub fn first_names(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &[
            "Camille", "Léa", "Lucas", "Manon", "Hugo", "Chloé", "Thomas", "Inès", "Nicolas",
            "Julie", "Julien", "Sarah", "Antoine", "Emma", "Maxime", "Louise", "Pierre", "Claire",
            "Louis", "Nathalie", "Mathieu", "Isabelle", "Olivier", "Sophie", "Philippe", "Céline",
            "Laurent", "Hélène", "Éric", "Jean", "Romain", "Théo", "Amélie", "Michel", "Aurélie",
        ],
        Country::No => &[
            "Ingrid", "Lars", "Kari", "Ole", "Anne", "Per", "Marit", "Jan", "Silje", "Bjørn",
            "Ingeborg", "Knut", "Hanne", "Erik", "Nora", "Hans", "Emma", "Magnus", "Sofie",
            "Jonas", "Ida", "Henrik", "Thea", "Sindre", "Maja", "Eirik", "Hilde", "Håkon", "Tone",
            "Anders", "Sigrid", "Øystein", "Astrid", "Tor", "Jørgen",
        ],
        Country::Es => &[
            "Lucía", "Javier", "María", "Carlos", "Carmen", "Antonio", "Ana", "Manuel", "Laura",
            "José", "Marta", "David", "Elena", "Daniel", "Sara", "Pablo", "Paula", "Alejandro",
            "Cristina", "Sergio", "Isabel", "Jorge", "Pilar", "Alberto", "Rosa", "Fernando",
            "Raquel", "Miguel", "Nuria", "Álvaro", "Beatriz", "Rubén", "Silvia", "Diego", "Adrián",
        ],
        Country::Gb => &[
            "Oliver", "Amelia", "George", "Olivia", "Harry", "Isla", "Jack", "Emily", "Jacob",
            "Ava", "Charlie", "Jessica", "Thomas", "Sophie", "James", "Lily", "William", "Grace",
            "Daniel", "Chloe", "Samuel", "Charlotte", "Joshua", "Hannah", "Henry", "Lucy",
            "Edward", "Emma", "Matthew", "Rachel", "Alfie", "Freya", "Oscar", "Ruby", "Arthur",
        ],
        Country::De => &[
            "Jonas", "Anna", "Leon", "Lena", "Lukas", "Lea", "Finn", "Hannah", "Paul", "Laura",
            "Felix", "Julia", "Maximilian", "Sarah", "Elias", "Katharina", "Ben", "Claudia",
            "Noah", "Petra", "Tim", "Monika", "Jan", "Sophie", "Stefan", "Sabine", "Michael",
            "Ursula", "Andreas", "Birgit", "Markus", "Heike", "Thomas", "Anja", "Tobias",
        ],
    }
}

/// Surnames of private clients (the first one is the familiar demo name).
#[rustfmt::skip]
pub fn last_names(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &[
            "Durand", "Lefebvre", "Moreau", "Girard", "Mercier", "Dupont", "Lambert", "Bonnet",
            "François", "Fontaine", "Rousseau", "Vincent", "Muller", "Leroy", "Fournier",
            "Blanchard", "Guérin", "Boyer", "Garnier", "Chevalier", "Clément", "Gauthier",
            "Perrin", "Morin", "Roussel", "Lemoine", "Marchand", "Brun", "Caron", "Picard",
            "Gaillard", "Barbier", "Arnaud", "Renaud", "Colin", "Meunier", "Lucas", "Noël",
            "Masson", "Duval",
        ],
        Country::No => &[
            "Solberg", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
            "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
            "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen",
            "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Gundersen", "Iversen", "Strand",
            "Svendsen", "Martinsen", "Eide", "Bakken", "Kristoffersen", "Mathisen", "Lie",
            "Amundsen", "Nguyen", "Aas",
        ],
        Country::Es => &[
            "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "García",
            "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero",
            "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
            "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado",
            "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias", "Núñez", "Medina",
        ],
        Country::Gb => &[
            "Hughes", "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson",
            "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White",
            "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke",
            "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson",
            "Baker", "Harrison", "Morgan", "Patel", "Khan",
        ],
        Country::De => &[
            "Becker", "Müller", "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Weber",
            "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
            "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
            "Werner", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
            "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters",
        ],
    }
}

/// Middle initials that tell apart two private clients of the same name.
#[rustfmt::skip]
pub const INITIALS: &[&str] = &[
    "", "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.",
    "S.", "T.", "V.", "W.",
];

#[rustfmt::skip]
pub fn mail_providers(c: Country) -> &'static [&'static str] {
    match c {
        Country::Fr => &["orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr"],
        Country::No => &["online.no", "gmail.com", "hotmail.no", "live.no"],
        Country::Es => &["gmail.com", "telefonica.net", "hotmail.es", "yahoo.es"],
        Country::Gb => &["btinternet.com", "gmail.com", "outlook.com", "sky.com"],
        Country::De => &["web.de", "gmx.de", "t-online.de", "gmail.com"],
    }
}

#[rustfmt::skip]
const FR_TRADES: &[&str] = &[
    "Boulangerie", "Garage", "Menuiserie", "Plomberie", "Imprimerie", "Transports", "Électricité",
    "Fromagerie", "Charpente", "Peinture", "Maçonnerie", "Serrurerie", "Librairie", "Traiteur",
    "Carrosserie", "Paysages", "Optique", "Chauffage", "Couverture", "Ébénisterie", "Pressing",
    "Vitrerie",
];

#[rustfmt::skip]
const FR_SURNAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin",
];

#[rustfmt::skip]
const NO_PREFIXES: &[&str] = &[
    "Fjordline", "Nordlys", "Fjellheim", "Havbris", "Solberg", "Vestland", "Nordkapp", "Bakke",
    "Lien", "Dalen", "Haugen", "Strand", "Moen", "Bjørk", "Furu", "Elvebakken", "Sjøsiden",
    "Polar", "Viken", "Midtnorsk", "Østfold", "Agder", "Hansen", "Johansen", "Olsen", "Larsen",
    "Andersen", "Nilsen", "Karlsen", "Jensen",
];

#[rustfmt::skip]
const NO_TRADES: &[&str] = &[
    "Rørlegger", "Elektro", "Bygg", "Transport", "Maskin", "Regnskap", "Trelast", "Eiendom",
    "Maling", "Snekkeri", "Bakeri", "Fisk", "Marine", "Entreprenør", "Grafisk", "Data",
    "Bilverksted", "Blikkenslager", "Glass", "Anlegg",
];

#[rustfmt::skip]
const ES_TRADES: &[&str] = &[
    "Talleres", "Construcciones", "Transportes", "Panadería", "Carpintería", "Fontanería",
    "Instalaciones", "Reformas", "Gráficas", "Suministros", "Electricidad", "Distribuciones",
    "Asesoría", "Cerámicas", "Frutas", "Muebles", "Climatización", "Pinturas", "Autocares",
    "Cristalería",
];

#[rustfmt::skip]
const ES_SURNAMES: &[&str] = &[
    "Ruiz", "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
    "Pérez", "Gómez", "Martín", "Jiménez", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
    "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro",
    "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias",
];

#[rustfmt::skip]
const GB_PREFIXES: &[&str] = &[
    "Harbour", "Northgate", "Riverside", "Pennine", "Castle", "Oakwood", "Kingsway", "Meadow",
    "Bridgewater", "Ashford", "Highfield", "Westfield", "Greenway", "Summit", "Millbrook",
    "Redbrick", "Thornton", "Whitaker", "Kestrel", "Beacon", "Anchor", "Crown", "Albion", "Vale",
    "Hughes", "Clarke", "Walker", "Wright", "Harrison", "Taylor",
];

#[rustfmt::skip]
const GB_TRADES: &[&str] = &[
    "Joinery", "Plumbing", "Electrical", "Roofing", "Builders", "Logistics", "Print", "Motors",
    "Catering", "Scaffolding", "Glazing", "Landscapes", "Engineering", "Interiors", "Bakery",
    "Removals", "Decorators", "Fabrications", "Cleaning", "Signs",
];

#[rustfmt::skip]
const DE_SURNAMES: &[&str] = &[
    "Weber", "Müller", "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze",
];

#[rustfmt::skip]
const DE_TRADES: &[&str] = &[
    "Logistik", "Bau", "Elektrotechnik", "Maschinenbau", "Haustechnik", "Metallbau", "Druck",
    "Holzbau", "Spedition", "Gartenbau", "Dachdeckerei", "Malerbetrieb", "Fensterbau",
    "Automation", "Kältetechnik", "Möbel", "Sanitär", "Software", "Verpackung", "Gebäudereinigung",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_list_holds_a_word_twice() {
        for c in Country::ALL {
            let (a, b) = business_parts(c);
            let lists = [
                bodies(c),
                departments(c),
                legal_forms(c),
                first_names(c),
                last_names(c),
                mail_providers(c),
                INITIALS,
                a,
                b,
            ];
            for list in lists {
                let set: HashSet<_> = list.iter().collect();
                assert_eq!(set.len(), list.len(), "{c:?}: {list:?}");
            }
        }
    }
}
