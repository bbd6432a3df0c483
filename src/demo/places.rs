//! Countries of the demo portfolio: towns, streets, postal codes and phone
//! numbers in each country's own format.

use super::rng::Rng;
use crate::domain::currency::Currency;
use crate::domain::language::Language;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Country {
    #[default]
    Fr,
    No,
    Es,
    Gb,
    De,
}

impl Country {
    pub const ALL: [Country; 5] = [
        Country::Fr,
        Country::No,
        Country::Es,
        Country::Gb,
        Country::De,
    ];

    /// ISO 3166-1 alpha-2.
    pub fn code(self) -> &'static str {
        match self {
            Country::Fr => "FR",
            Country::No => "NO",
            Country::Es => "ES",
            Country::Gb => "GB",
            Country::De => "DE",
        }
    }

    /// German clients get English letters: a foreign client under the EU default law.
    pub fn language(self) -> Language {
        match self {
            Country::Fr => Language::Fr,
            Country::No => Language::Nb,
            Country::Es => Language::Es,
            Country::Gb | Country::De => Language::En,
        }
    }

    pub fn currency(self) -> Currency {
        match self {
            Country::No => Currency::NOK,
            Country::Gb => Currency::GBP,
            _ => Currency::EUR,
        }
    }

    /// Rough price level against the euro: NOK amounts are about ten times EUR.
    pub fn price_factor(self) -> f64 {
        match self {
            Country::No => 10.0,
            Country::Gb => 0.85,
            _ => 1.0,
        }
    }

    /// Towns with their postal code (or UK outward code) and phone area code.
    pub fn towns(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Country::Fr => FR_TOWNS,
            Country::No => NO_TOWNS,
            Country::Es => ES_TOWNS,
            Country::Gb => GB_TOWNS,
            Country::De => DE_TOWNS,
        }
    }

    fn streets(self) -> &'static [&'static str] {
        match self {
            Country::Fr => &[
                "rue de la République",
                "avenue Jean Jaurès",
                "boulevard Gambetta",
                "rue Victor Hugo",
                "rue du Général de Gaulle",
                "rue Pasteur",
                "allée des Tilleuls",
                "chemin des Vignes",
                "rue des Écoles",
                "place de la Mairie",
                "impasse des Lilas",
                "rue de la Gare",
            ],
            Country::No => &[
                "Storgata",
                "Kirkegata",
                "Strandgata",
                "Kongens gate",
                "Dronningens gate",
                "Parkveien",
                "Skolegata",
                "Torggata",
                "Sjøgata",
                "Fjordveien",
                "Industriveien",
                "Bjørkeveien",
            ],
            Country::Es => &[
                "Calle Mayor",
                "Avenida de la Constitución",
                "Calle Real",
                "Plaza de España",
                "Calle San Juan",
                "Avenida de Andalucía",
                "Calle del Carmen",
                "Calle de Alcalá",
                "Polígono Industrial Los Olivos",
                "Calle Nueva",
                "Paseo del Prado",
                "Calle de la Iglesia",
            ],
            Country::Gb => &[
                "High Street",
                "Station Road",
                "Church Lane",
                "Victoria Road",
                "Park Road",
                "Mill Lane",
                "King Street",
                "Queen Street",
                "London Road",
                "The Crescent",
                "Albion Street",
                "Wellington Road",
            ],
            Country::De => &[
                "Hauptstraße",
                "Bahnhofstraße",
                "Schillerstraße",
                "Goethestraße",
                "Gartenstraße",
                "Kirchstraße",
                "Lindenstraße",
                "Marktplatz",
                "Industriestraße",
                "Am Rathaus",
                "Bergstraße",
                "Ringstraße",
            ],
        }
    }

    /// A postal address in the country's usual order.
    pub fn address(self, town: usize, rng: &mut Rng) -> String {
        let towns = self.towns();
        let (name, code, _) = towns
            .get(town % towns.len().max(1))
            .copied()
            .unwrap_or_default();
        let street = rng.pick(self.streets());
        let n = rng.range(1, 148);
        match self {
            Country::Fr => format!("{n} {street}\n{code} {name}"),
            Country::No | Country::De => format!("{street} {n}\n{code} {name}"),
            Country::Es => format!("{street}, {n}\n{code} {name}"),
            Country::Gb => {
                let inward = format!(
                    "{}{}{}",
                    rng.range(1, 9),
                    rng.pick(GB_INWARD_LETTERS),
                    rng.pick(GB_INWARD_LETTERS)
                );
                format!("{n} {street}\n{name} {code} {inward}")
            }
        }
    }

    /// A phone number in international form, grouped as the country writes it.
    /// `mobile` gives a mobile number instead of the town's landline.
    pub fn phone(self, town: usize, mobile: bool, rng: &mut Rng) -> String {
        let towns = self.towns();
        let (_, _, area) = towns
            .get(town % towns.len().max(1))
            .copied()
            .unwrap_or_default();
        let mut d = |n: usize| -> String {
            (0..n)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect()
        };
        match (self, mobile) {
            (Country::Fr, false) => format!("+33 {area} {} {} {} {}", d(2), d(2), d(2), d(2)),
            (Country::Fr, true) => format!("+33 6 {} {} {} {}", d(2), d(2), d(2), d(2)),
            (Country::No, false) => format!("+47 {area} {} {} {}", d(2), d(2), d(2)),
            (Country::No, true) => format!("+47 9{} {} {}", d(2), d(2), d(3)),
            (Country::Es, false) => {
                let all = format!("{area}{}", d(9 - area.len()));
                format!("+34 {} {} {}", &all[..3], &all[3..6], &all[6..])
            }
            (Country::Es, true) => format!("+34 6{} {} {}", d(2), d(3), d(3)),
            (Country::Gb, false) => {
                let local = d(10 - area.len());
                match local.len() {
                    7 => format!("+44 {area} {} {}", &local[..3], &local[3..]),
                    8 => format!("+44 {area} {} {}", &local[..4], &local[4..]),
                    _ => format!("+44 {area} {local}"),
                }
            }
            (Country::Gb, true) => format!("+44 7{} {}", d(3), d(6)),
            (Country::De, false) => format!("+49 {area} {}", d(11 - area.len())),
            (Country::De, true) => format!("+49 15{} {}", d(1), d(7)),
        }
    }
}

const GB_INWARD_LETTERS: &[char] = &[
    'A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'L', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'W', 'X', 'Y',
    'Z',
];

// (town, postal code, phone area code without the trunk 0)
const FR_TOWNS: &[(&str, &str, &str)] = &[
    ("Villeurbanne", "69100", "4"),
    ("Lyon", "69003", "4"),
    ("Grenoble", "38000", "4"),
    ("Saint-Étienne", "42000", "4"),
    ("Annecy", "74000", "4"),
    ("Clermont-Ferrand", "63000", "4"),
    ("Dijon", "21000", "3"),
    ("Besançon", "25000", "3"),
    ("Nancy", "54000", "3"),
    ("Metz", "57000", "3"),
    ("Strasbourg", "67000", "3"),
    ("Reims", "51100", "3"),
    ("Lille", "59000", "3"),
    ("Amiens", "80000", "3"),
    ("Rouen", "76000", "2"),
    ("Caen", "14000", "2"),
    ("Rennes", "35000", "2"),
    ("Nantes", "44000", "2"),
    ("Brest", "29200", "2"),
    ("Tours", "37000", "2"),
    ("Orléans", "45000", "2"),
    ("Poitiers", "86000", "5"),
    ("Limoges", "87000", "5"),
    ("Bordeaux", "33000", "5"),
    ("Pau", "64000", "5"),
    ("Toulouse", "31000", "5"),
    ("Montpellier", "34000", "4"),
    ("Nîmes", "30000", "4"),
    ("Avignon", "84000", "4"),
    ("Marseille", "13001", "4"),
    ("Toulon", "83000", "4"),
    ("Nice", "06000", "4"),
    ("Montreuil", "93100", "1"),
    ("Versailles", "78000", "1"),
    ("Créteil", "94000", "1"),
    ("Nanterre", "92000", "1"),
    ("Argenteuil", "95100", "1"),
    ("Vannes", "56000", "2"),
];

const NO_TOWNS: &[(&str, &str, &str)] = &[
    ("Oslo", "0150", "22"),
    ("Bergen", "5003", "55"),
    ("Trondheim", "7011", "73"),
    ("Stavanger", "4006", "51"),
    ("Drammen", "3015", "32"),
    ("Fredrikstad", "1606", "69"),
    ("Kristiansand", "4611", "38"),
    ("Tromsø", "9008", "77"),
    ("Sandnes", "4306", "51"),
    ("Sarpsborg", "1706", "69"),
    ("Skien", "3717", "35"),
    ("Ålesund", "6002", "70"),
    ("Bodø", "8006", "75"),
    ("Tønsberg", "3110", "33"),
    ("Moss", "1530", "69"),
    ("Hamar", "2317", "62"),
    ("Lillehammer", "2609", "61"),
    ("Molde", "6413", "71"),
    ("Haugesund", "5525", "52"),
    ("Arendal", "4836", "37"),
    ("Larvik", "3256", "33"),
    ("Halden", "1767", "69"),
    ("Gjøvik", "2815", "61"),
    ("Harstad", "9405", "77"),
    ("Kongsberg", "3611", "32"),
    ("Asker", "1384", "66"),
    ("Lørenskog", "1470", "67"),
    ("Porsgrunn", "3916", "35"),
    ("Horten", "3187", "33"),
    ("Steinkjer", "7713", "74"),
];

const ES_TOWNS: &[(&str, &str, &str)] = &[
    ("Getafe", "28901", "91"),
    ("Madrid", "28013", "91"),
    ("Alcalá de Henares", "28801", "91"),
    ("Móstoles", "28931", "91"),
    ("Leganés", "28911", "91"),
    ("Barcelona", "08002", "93"),
    ("Sabadell", "08201", "93"),
    ("Terrassa", "08221", "93"),
    ("Badalona", "08911", "93"),
    ("Valencia", "46002", "96"),
    ("Alicante", "03001", "96"),
    ("Elche", "03202", "96"),
    ("Sevilla", "41004", "95"),
    ("Málaga", "29015", "95"),
    ("Córdoba", "14003", "957"),
    ("Granada", "18009", "958"),
    ("Zaragoza", "50001", "976"),
    ("Bilbao", "48005", "94"),
    ("Vitoria-Gasteiz", "01001", "945"),
    ("Valladolid", "47001", "983"),
    ("Salamanca", "37002", "923"),
    ("Murcia", "30004", "968"),
    ("Cartagena", "30201", "968"),
    ("Palma", "07001", "971"),
    ("Santander", "39001", "942"),
    ("Oviedo", "33003", "985"),
    ("Gijón", "33201", "985"),
    ("A Coruña", "15001", "981"),
    ("Vigo", "36202", "986"),
    ("Pamplona", "31001", "948"),
    ("Logroño", "26001", "941"),
    ("Burgos", "09003", "947"),
    ("León", "24003", "987"),
    ("Toledo", "45001", "925"),
];

const GB_TOWNS: &[(&str, &str, &str)] = &[
    ("Leeds", "LS1", "113"),
    ("Manchester", "M1", "161"),
    ("Sheffield", "S1", "114"),
    ("Bristol", "BS1", "117"),
    ("Nottingham", "NG1", "115"),
    ("Leicester", "LE1", "116"),
    ("Birmingham", "B1", "121"),
    ("Liverpool", "L1", "151"),
    ("Newcastle upon Tyne", "NE1", "191"),
    ("York", "YO1", "1904"),
    ("Bradford", "BD1", "1274"),
    ("Coventry", "CV1", "24"),
    ("Cardiff", "CF10", "29"),
    ("Southampton", "SO14", "23"),
    ("Brighton", "BN1", "1273"),
    ("Norwich", "NR1", "1603"),
    ("Reading", "RG1", "118"),
    ("Oxford", "OX1", "1865"),
    ("Cambridge", "CB1", "1223"),
    ("Exeter", "EX1", "1392"),
    ("Plymouth", "PL1", "1752"),
    ("Derby", "DE1", "1332"),
    ("Hull", "HU1", "1482"),
    ("Swindon", "SN1", "1793"),
    ("Preston", "PR1", "1772"),
    ("Bath", "BA1", "1225"),
    ("Durham", "DH1", "191"),
    ("Lincoln", "LN1", "1522"),
    ("Chester", "CH1", "1244"),
    ("Wakefield", "WF1", "1924"),
];

const DE_TOWNS: &[(&str, &str, &str)] = &[
    ("Köln", "50667", "221"),
    ("Berlin", "10115", "30"),
    ("Hamburg", "20095", "40"),
    ("München", "80331", "89"),
    ("Frankfurt am Main", "60311", "69"),
    ("Stuttgart", "70173", "711"),
    ("Düsseldorf", "40213", "211"),
    ("Dortmund", "44135", "231"),
    ("Essen", "45127", "201"),
    ("Leipzig", "04109", "341"),
    ("Bremen", "28195", "421"),
    ("Dresden", "01067", "351"),
    ("Hannover", "30159", "511"),
    ("Nürnberg", "90403", "911"),
    ("Duisburg", "47051", "203"),
    ("Bochum", "44787", "234"),
    ("Wuppertal", "42103", "202"),
    ("Bielefeld", "33602", "521"),
    ("Bonn", "53111", "228"),
    ("Münster", "48143", "251"),
    ("Mannheim", "68159", "621"),
    ("Karlsruhe", "76133", "721"),
    ("Augsburg", "86150", "821"),
    ("Wiesbaden", "65183", "611"),
    ("Aachen", "52062", "241"),
    ("Freiburg im Breisgau", "79098", "761"),
    ("Kiel", "24103", "431"),
    ("Mainz", "55116", "6131"),
    ("Lübeck", "23552", "451"),
    ("Erfurt", "99084", "361"),
];
