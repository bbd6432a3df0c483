//! Performing the workbench's effects: the reads, writes, letters and
//! mail it asks for, each turned back into an event. The one place the
//! workbench touches the database, the letters folder and the mail server.

use crate::app::App;
use crate::app::event::{Effect, Event, Team};
use crate::letters::answer::letter_for;
use crate::letters::compose::{Composed, compose_statement};
use crate::store::changes::Changes;
use crate::store::{Store, StoreError};

/// What effects are performed with: the database, and the team's and the
/// clerk's settings for letters.
pub struct Env<'s> {
    pub store: &'s mut Store,
    /// The sender of letters (from the team settings).
    pub company: crate::config::CompanyConfig,
    /// Where sent letters are written.
    pub letters_dir: std::path::PathBuf,
    /// The team's mail server, for e-mail letters sent with Enter.
    pub smtp: crate::team::SmtpSettings,
    /// The database's version when last looked at.
    version: Option<i64>,
    /// The last change read ([`crate::store::changes`]).
    seq: Option<i64>,
    /// Queue lines built by a read and not yet kept in the database: kept
    /// once the frame showing them is drawn ([`Env::keep_built`]).
    pub(super) keep: Option<crate::report::queue::Keep>,
    /// Keeps them, and the next days' queues, off the loop's thread; when
    /// absent (a database open for reading only, tests), they are kept
    /// here.
    pub keeper: Option<super::keeper::Keeper>,
    /// The day and the last change the keeper was last asked to keep the
    /// next days' queues for.
    ahead_asked: Option<(chrono::NaiveDate, Option<i64>)>,
}

impl<'s> Env<'s> {
    pub fn new(store: &'s mut Store) -> Env<'s> {
        let team = crate::team::TeamSettings::default();
        Env {
            store,
            company: team.company,
            letters_dir: crate::paths::default_letters_dir()
                .unwrap_or_else(|| std::env::temp_dir().join("dun-letters")),
            smtp: crate::team::SmtpSettings::default(),
            version: None,
            seq: None,
            keep: None,
            keeper: None,
            ahead_asked: None,
        }
    }

    /// Keeps the queue lines the last reads built, so that the next
    /// workbench opened shows them at once. A failure (a busy database)
    /// costs only that: the next reader builds them again.
    pub fn keep_built(&mut self) {
        let Some(mut keep) = self.keep.take() else {
            return;
        };
        if let Some(keeper) = &self.keeper {
            match keeper.keep(keep) {
                None => return,
                Some(back) => keep = back,
            }
        }
        let _ = crate::report::queue::keep(self.store, &keep);
    }

    /// Asks the keeper to keep the queues of the days after the
    /// workbench's today ready, when the day or the database changed since
    /// it was last asked.
    pub fn keep_ahead(&mut self, app: &App) {
        let Some(keeper) = &self.keeper else {
            return;
        };
        let now = (app.today, self.seq);
        if self.ahead_asked != Some(now) {
            self.ahead_asked = Some(now);
            keeper.ahead(app.today, &app.rules, &app.rates);
        }
    }

    /// What other clerks changed since the last look, when they wrote
    /// (the first look says nothing). One cheap read when nobody wrote.
    pub fn changed(&mut self) -> Result<Option<Changes>, StoreError> {
        let now = self.store.data_version()?;
        let wrote = self.version.is_some_and(|v| v != now);
        self.version = Some(now);
        if !wrote && self.seq.is_some() {
            return Ok(None);
        }
        let seq = self.seq;
        let changes = self.store.read(|tx| match seq {
            Some(after) => crate::store::changes::since(tx, after),
            None => crate::store::changes::end(tx).map(|seq| Changes {
                seq,
                ..Changes::default()
            }),
        })?;
        self.seq = Some(changes.seq);
        Ok((wrote && !changes.is_empty()).then_some(changes))
    }

    /// Performs one effect; what came of it, as events. `Suspend` is the
    /// terminal's and is left to the loop.
    pub fn perform(&mut self, app: &App, effect: Effect) -> Vec<Event> {
        match effect {
            Effect::Load(load) => vec![self.read(app, &load)],
            Effect::OpenClient(code) => {
                let load = crate::app::Load {
                    page: Some(code),
                    ..Default::default()
                };
                vec![self.read(app, &load)]
            }
            Effect::Record { target, submission } => {
                let saved = crate::record::save(
                    self.store,
                    &target,
                    &submission,
                    &app.user,
                    app.today,
                    chrono::Utc::now(),
                );
                vec![Event::Recorded(saved.map_err(|e| e.to_string()))]
            }
            Effect::PreviewCorrection(id) => {
                let undoes = self
                    .store
                    .read(|tx| crate::record::correction::preview(tx, id));
                vec![Event::CorrectionPreview {
                    refers_to: id,
                    undoes: undoes.map_err(|e| e.to_string()),
                }]
            }
            Effect::Correct(c) => {
                let done = crate::record::correct(
                    self.store,
                    &c,
                    &app.user,
                    app.today,
                    chrono::Utc::now(),
                );
                vec![Event::Corrected(
                    done.map(|d| d.message).map_err(|e| e.to_string()),
                )]
            }
            Effect::EditClient(edit) => {
                let saved = crate::record::client::edit(
                    self.store,
                    &edit,
                    &app.user,
                    app.today,
                    chrono::Utc::now(),
                );
                vec![Event::ClientSaved(
                    saved
                        .map(|s| (edit.code.clone(), s.text))
                        .map_err(|e| e.to_string()),
                )]
            }
            Effect::AddClient(new) => {
                let saved = crate::record::client::add(
                    self.store,
                    &new,
                    &app.user,
                    app.today,
                    chrono::Utc::now(),
                );
                let code = crate::domain::client_field::code(&new.code)
                    .map_or_else(|_| new.code.clone(), str::to_string);
                vec![Event::ClientSaved(
                    saved.map(|s| (code, s.text)).map_err(|e| e.to_string()),
                )]
            }
            Effect::ComposeLetter(line) => {
                let composed = self.store.read(|tx| {
                    Ok::<_, StoreError>(letter_for(
                        tx,
                        &line,
                        app.today,
                        &self.company,
                        &app.rules.ladders,
                        &app.rates,
                    ))
                });
                vec![composed_event(composed)]
            }
            Effect::ComposeStatement(client) => {
                let composed = self.store.read(|tx| {
                    Ok::<_, StoreError>(compose_statement(
                        tx,
                        &client,
                        app.today,
                        &self.company,
                        &app.rates,
                    ))
                });
                vec![composed_event(composed)]
            }
            Effect::SendLetter(letter) => vec![Event::Sent(self.send(app, &letter))],
            Effect::ReadTeam => {
                let team = match crate::team::load(self.store) {
                    Ok(team) => {
                        self.smtp = team.smtp.clone();
                        self.company = team.company.clone();
                        Ok(Team {
                            rules: team.rules(),
                            clock: team.clock(),
                        })
                    }
                    Err(e) => Err(e.to_string()),
                };
                vec![Event::Team(Box::new(team))]
            }
            Effect::Suspend => Vec::new(),
        }
    }
}

fn composed_event<E: std::fmt::Display>(
    composed: Result<Result<Composed, E>, StoreError>,
) -> Event {
    match composed {
        Ok(Ok(c)) => Event::Composed(Ok(Box::new(c))),
        Ok(Err(e)) => Event::Composed(Err(e.to_string())),
        Err(e) => Event::Failed(e.to_string()),
    }
}

/// Hands `event` to the workbench and performs what it asks, feeding what
/// comes of each effect back in, until nothing is left to do. Returns
/// whether the terminal is asked to be given back (Ctrl-Z).
pub fn step(app: &mut App, env: &mut Env<'_>, event: Event) -> bool {
    let mut suspend = false;
    let mut events = std::collections::VecDeque::from([event]);
    while let Some(event) = events.pop_front() {
        for effect in app.handle(event) {
            if effect == Effect::Suspend {
                suspend = true;
            }
            events.extend(env.perform(app, effect));
        }
    }
    suspend
}
