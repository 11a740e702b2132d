//! A network review as a state machine, with no terminal and no SQL: it
//! walks through each entry (keep, change or remove), asking the questions
//! of the entry's kind when it changes, then asks for new entries until the
//! person has no more. Each answer is a line of text (the line mode types
//! it; a screen can send the same words); each finished step yields a
//! `Change` for the caller to store before the next prompt.

use super::model::{self, Change, Contact, Entry, Field, Kind, Support};

/// One question about the entry being changed or added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Name,
    Kind,
    Support,
    Field(Field),
}

impl Ask {
    /// The questions in the order asked; those not asked of `kind` are skipped.
    const ORDER: [Ask; 10] = [
        Ask::Name,
        Ask::Kind,
        Ask::Support,
        Ask::Field(Field::Closeness),
        Ask::Field(Field::Belonging),
        Ask::Field(Field::Contact),
        Ask::Field(Field::RoleModel),
        Ask::Field(Field::Available),
        Ask::Field(Field::Reachable),
        Ask::Field(Field::Uses),
    ];

    fn asked_of(self, kind: Kind) -> bool {
        match self {
            Ask::Field(f) => f.applies_to(kind),
            _ => true,
        }
    }

    /// The next question after this one for an entry of `kind`.
    fn next(self, kind: Kind) -> Option<Ask> {
        let at = Ask::ORDER.iter().position(|a| *a == self)?;
        Ask::ORDER[at + 1..]
            .iter()
            .copied()
            .find(|a| a.asked_of(kind))
    }

    /// The question, about the entry named `name`.
    pub fn question(self, name: &str) -> String {
        match self {
            Ask::Name => format!("Name (now {name}; initials are fine)"),
            Ask::Kind => format!("Is {name} a person, a group, or a place or service?"),
            Ask::Support => format!("Does time with {name} support the goals you have chosen?"),
            Ask::Field(Field::Closeness) => {
                format!("How close is {name} to you, from 1 (not close) to 5 (very close)?")
            }
            Ask::Field(Field::Belonging) => format!(
                "How much do you feel part of {name}, from 1 (not at all) to 5 (very much)?"
            ),
            Ask::Field(Field::Contact) => format!("How often are you in touch with {name}?"),
            Ask::Field(Field::RoleModel) => {
                format!("Do you look to {name} as an example of the life you want?")
            }
            Ask::Field(Field::Available) => format!("Is {name} available near you?"),
            Ask::Field(Field::Reachable) => format!("Can you get to {name}?"),
            Ask::Field(Field::Uses) => format!("Do you use {name}?"),
        }
    }

    /// The numbered choices, when the answer is one of a few.
    pub fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Ask::Kind => &[("1", "person"), ("2", "group"), ("3", "place or service")],
            Ask::Support => &[("1", "supportive"), ("2", "mixed"), ("3", "not supportive")],
            Ask::Field(Field::Contact) => &[("1", "weekly"), ("2", "monthly"), ("3", "rarely")],
            Ask::Field(Field::RoleModel | Field::Available | Field::Reachable | Field::Uses) => {
                &[("y", "yes"), ("n", "no")]
            }
            Ask::Name | Ask::Field(Field::Closeness | Field::Belonging) => &[],
        }
    }
}

/// What the person is asked now.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt<'a> {
    /// Keep, change or remove this entry (`number` of `total`, from 1).
    Decide {
        entry: &'a Entry,
        number: usize,
        total: usize,
    },
    /// A question about the entry being changed (`new`: being added).
    Ask {
        ask: Ask,
        draft: &'a Entry,
        /// The entry before this change (None for a new one).
        before: Option<&'a Entry>,
    },
    /// The name of another entry to add, or nothing to finish.
    More { added: usize },
    /// The review has been walked through.
    Done,
}

#[derive(Debug, Clone)]
enum Stage {
    Decide,
    Edit { draft: Entry, ask: Ask },
    More,
    New { draft: Entry, ask: Ask },
    Done,
}

/// A review in progress.
#[derive(Debug, Clone)]
pub struct ReviewFlow {
    /// The entries as they were when the review started, walked in order.
    start: Vec<Entry>,
    /// The network with this review's changes so far.
    current: Vec<Entry>,
    position: usize,
    stage: Stage,
    changes: usize,
    added: usize,
}

fn pick<T: Copy>(text: &str, choices: &[(&[&str], T)]) -> Option<T> {
    let t = text.trim().to_lowercase();
    choices
        .iter()
        .find(|(words, _)| words.contains(&t.as_str()))
        .map(|(_, v)| *v)
}

fn parse_kind(text: &str) -> Option<Kind> {
    pick(
        text,
        &[
            (&["1", "p", "person"], Kind::Person),
            (&["2", "g", "group"], Kind::Group),
            (&["3", "place", "service", "place or service"], Kind::Place),
        ],
    )
}

fn parse_support(text: &str) -> Option<Support> {
    pick(
        text,
        &[
            (&["1", "s", "supportive"], Support::Supportive),
            (&["2", "m", "mixed"], Support::Mixed),
            (
                &["3", "u", "unsupportive", "not supportive"],
                Support::Unsupportive,
            ),
        ],
    )
}

fn parse_contact(text: &str) -> Option<Contact> {
    pick(
        text,
        &[
            (&["1", "w", "weekly"], Contact::Weekly),
            (&["2", "m", "monthly"], Contact::Monthly),
            (&["3", "r", "rarely"], Contact::Rarely),
        ],
    )
}

fn parse_yes_no(text: &str) -> Option<bool> {
    pick(
        text,
        &[(&["y", "yes", "1"], true), (&["n", "no", "0", "2"], false)],
    )
}

/// The message when an answer is not understood.
fn hint(ask: Ask, new: bool) -> String {
    let choices = ask
        .options()
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect::<Vec<_>>()
        .join(", ");
    let empty = if new { "" } else { "; Enter keeps the answer" };
    match ask {
        Ask::Name => "Please type a name (initials are fine).".into(),
        Ask::Field(Field::Closeness | Field::Belonging) => {
            let skip = if new { "; Enter skips it" } else { empty };
            format!("Please give a whole number from 1 to 5 (- leaves it unanswered{skip}).")
        }
        Ask::Kind | Ask::Support => format!("Please choose one: {choices}{empty}."),
        Ask::Field(_) => {
            let skip = if new { "; Enter skips it" } else { empty };
            format!("Please choose one: {choices}{skip}.")
        }
    }
}

impl ReviewFlow {
    /// A review of the network `entries` (the latest review's).
    pub fn new(entries: Vec<Entry>) -> ReviewFlow {
        let stage = if entries.is_empty() {
            Stage::More
        } else {
            Stage::Decide
        };
        ReviewFlow {
            current: entries.clone(),
            start: entries,
            position: 0,
            stage,
            changes: 0,
            added: 0,
        }
    }

    /// The network with this review's changes so far.
    pub fn current(&self) -> &[Entry] {
        &self.current
    }

    /// How many changes were made (kept entries are not changes).
    pub fn changes(&self) -> usize {
        self.changes
    }

    pub fn is_done(&self) -> bool {
        matches!(self.stage, Stage::Done)
    }

    /// What is asked now.
    pub fn prompt(&self) -> Prompt<'_> {
        match &self.stage {
            Stage::Decide => match self.start.get(self.position) {
                Some(entry) => Prompt::Decide {
                    entry,
                    number: self.position + 1,
                    total: self.start.len(),
                },
                None => Prompt::More { added: self.added },
            },
            Stage::Edit { draft, ask } => Prompt::Ask {
                ask: *ask,
                draft,
                before: self.start.get(self.position),
            },
            Stage::New { draft, ask } => Prompt::Ask {
                ask: *ask,
                draft,
                before: None,
            },
            Stage::More => Prompt::More { added: self.added },
            Stage::Done => Prompt::Done,
        }
    }

    /// Moves to the next entry, or to new entries after the last.
    fn advance(&mut self) {
        self.position += 1;
        self.stage = if self.position < self.start.len() {
            Stage::Decide
        } else {
            Stage::More
        };
    }

    /// Records a change in `current`, counting it.
    fn record(&mut self, change: Change) -> Result<Option<Change>, String> {
        model::apply(&mut self.current, &change).map_err(|e| e.to_string())?;
        self.changes += 1;
        Ok(Some(change))
    }

    /// Takes one answer. `Ok(Some(change))`: store it before asking the
    /// next question; `Ok(None)`: nothing to store; `Err(message)`: the
    /// answer was not understood and the same question is asked again.
    pub fn answer(&mut self, line: &str) -> Result<Option<Change>, String> {
        let text = line.trim();
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Done => Ok(None),
            Stage::Decide => {
                let Some(entry) = self.start.get(self.position).cloned() else {
                    self.stage = Stage::More;
                    return Ok(None);
                };
                match text.to_lowercase().as_str() {
                    "" | "k" | "keep" => {
                        self.advance();
                        Ok(None)
                    }
                    "c" | "change" => {
                        // The entry as it is now in this review.
                        let draft = self
                            .current
                            .iter()
                            .find(|e| e.id == entry.id)
                            .cloned()
                            .unwrap_or(entry);
                        self.stage = Stage::Edit {
                            draft,
                            ask: Ask::Name,
                        };
                        Ok(None)
                    }
                    "r" | "remove" => {
                        self.advance();
                        self.record(Change::Remove(entry.id))
                    }
                    _ => {
                        self.stage = Stage::Decide;
                        Err("Please answer k to keep it, c to change it or r to remove it (Enter keeps it).".into())
                    }
                }
            }
            Stage::More => {
                if text.is_empty() {
                    self.stage = Stage::Done;
                    return Ok(None);
                }
                let checked = model::check_name(text)
                    .and_then(|name| Entry::new(&name, Kind::Person, Support::Supportive))
                    .and_then(|draft| {
                        // The name must be free before the other questions.
                        let mut probe = self.current.clone();
                        model::apply(&mut probe, &Change::Add(draft.clone()))?;
                        Ok(draft)
                    });
                match checked {
                    Ok(draft) => {
                        self.stage = Stage::New {
                            draft,
                            ask: Ask::Kind,
                        };
                        Ok(None)
                    }
                    Err(e) => {
                        self.stage = Stage::More;
                        Err(e.to_string())
                    }
                }
            }
            Stage::Edit { draft, ask } => self.answer_question(draft, ask, text, false),
            Stage::New { draft, ask } => self.answer_question(draft, ask, text, true),
        }
    }

    fn answer_question(
        &mut self,
        mut draft: Entry,
        ask: Ask,
        text: &str,
        new: bool,
    ) -> Result<Option<Change>, String> {
        let again = |flow: &mut ReviewFlow, draft: Entry, message: String| {
            flow.stage = if new {
                Stage::New { draft, ask }
            } else {
                Stage::Edit { draft, ask }
            };
            Err(message)
        };
        let keep = text.is_empty();
        match ask {
            Ask::Name if keep => {}
            Ask::Name => match model::check_name(text) {
                Ok(name) => {
                    let mut probe = self.current.clone();
                    let mut renamed = draft.clone();
                    renamed.name = name;
                    if let Err(e) = model::apply(&mut probe, &Change::Update(renamed.clone())) {
                        return again(self, draft, e.to_string());
                    }
                    draft = renamed;
                }
                Err(e) => return again(self, draft, e.to_string()),
            },
            Ask::Kind if keep && !new => {}
            Ask::Kind => match parse_kind(text) {
                Some(kind) => {
                    draft.set_kind(kind);
                }
                None => return again(self, draft, hint(ask, new)),
            },
            Ask::Support if keep && !new => {}
            Ask::Support => match parse_support(text) {
                Some(s) => draft.support = s,
                None => return again(self, draft, hint(ask, new)),
            },
            Ask::Field(_) if keep => {}
            Ask::Field(field) => {
                let ok = match field {
                    Field::Closeness | Field::Belonging => {
                        let value = if text == "-" {
                            Some(None)
                        } else {
                            text.parse::<u8>()
                                .ok()
                                .filter(|v| (1..=5).contains(v))
                                .map(Some)
                        };
                        value.map(|v| {
                            if field == Field::Closeness {
                                draft.closeness = v;
                            } else {
                                draft.belonging = v;
                            }
                        })
                    }
                    Field::Contact => {
                        if text == "-" {
                            draft.contact = None;
                            Some(())
                        } else {
                            parse_contact(text).map(|c| draft.contact = Some(c))
                        }
                    }
                    Field::RoleModel => parse_yes_no(text).map(|b| draft.role_model = b),
                    Field::Available => parse_yes_no(text).map(|b| draft.available = b),
                    Field::Reachable => parse_yes_no(text).map(|b| draft.reachable = b),
                    Field::Uses => parse_yes_no(text).map(|b| draft.uses = b),
                };
                if ok.is_none() {
                    return again(self, draft, hint(ask, new));
                }
            }
        }
        if let Some(next) = ask.next(draft.kind) {
            self.stage = if new {
                Stage::New { draft, ask: next }
            } else {
                Stage::Edit { draft, ask: next }
            };
            return Ok(None);
        }
        // The last question: the entry is complete.
        if new {
            self.stage = Stage::More;
            self.added += 1;
            return self.record(Change::Add(draft));
        }
        let unchanged = self.current.iter().any(|e| e.id == draft.id && *e == draft);
        self.advance();
        if unchanged {
            Ok(None)
        } else {
            self.record(Change::Update(draft))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn network() -> Vec<Entry> {
        let mut sam = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
        sam.closeness = Some(3);
        let club = Entry::new("Club", Kind::Group, Support::Supportive).unwrap();
        let gym = Entry::new("Gym", Kind::Place, Support::Supportive).unwrap();
        vec![sam, club, gym]
    }

    fn feed(flow: &mut ReviewFlow, lines: &[&str]) -> Vec<Change> {
        let mut out = Vec::new();
        for line in lines {
            if let Some(c) = flow.answer(line).unwrap() {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn keep_change_remove_then_add() {
        let start = network();
        let mut flow = ReviewFlow::new(start.clone());
        assert!(matches!(
            flow.prompt(),
            Prompt::Decide {
                number: 1,
                total: 3,
                ..
            }
        ));
        // Sam: change support to supportive, closeness 4, keep the rest
        // (contact, role model); Club kept; Gym removed.
        let changes = feed(&mut flow, &["c", "", "", "1", "4", "", "", "", "r"]);
        assert_eq!(changes.len(), 2);
        let Change::Update(sam) = &changes[0] else {
            panic!("{changes:?}")
        };
        assert_eq!(sam.id, start[0].id);
        assert_eq!((sam.support, sam.closeness), (Support::Supportive, Some(4)));
        assert_eq!(changes[1], Change::Remove(start[2].id.clone()));
        assert!(matches!(flow.prompt(), Prompt::More { added: 0 }));

        // A new group: kind, support, closeness, belonging, contact, role model.
        let added = feed(&mut flow, &["Peer group", "2", "1", "", "5", "w", "y"]);
        let Change::Add(group) = &added[0] else {
            panic!("{added:?}")
        };
        assert_eq!(group.kind, Kind::Group);
        assert_eq!(group.belonging, Some(5));
        assert_eq!(group.closeness, None);
        assert_eq!(group.contact, Some(Contact::Weekly));
        assert!(group.role_model);
        // A new place: only the place questions are asked.
        let added = feed(&mut flow, &["Library", "3", "1", "y", "y", "n"]);
        let Change::Add(place) = &added[0] else {
            panic!("{added:?}")
        };
        assert!(place.available && place.reachable && !place.uses);
        assert!(matches!(flow.prompt(), Prompt::More { added: 2 }));
        flow.answer("").unwrap();
        assert!(flow.is_done());
        assert_eq!(flow.changes(), 4);
        let names: Vec<&str> = flow.current().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Sam", "Club", "Peer group", "Library"]);
    }

    #[test]
    fn unclear_answers_ask_again_and_keep_the_draft() {
        let mut flow = ReviewFlow::new(network());
        assert!(flow.answer("x").is_err());
        flow.answer("c").unwrap();
        // Renaming to a name already there is refused.
        let err = flow.answer("club").unwrap_err();
        assert!(err.contains("already in the network"), "{err}");
        flow.answer("Samira").unwrap();
        assert!(flow.answer("4").is_err());
        assert!(flow.answer("person").is_ok());
        assert!(flow.answer("maybe").is_err());
        flow.answer("").unwrap();
        assert!(flow.answer("6").is_err());
        let Prompt::Ask { ask, draft, .. } = flow.prompt() else {
            panic!()
        };
        assert_eq!(ask, Ask::Field(Field::Closeness));
        assert_eq!(draft.name, "Samira");
        // "-" clears the closeness.
        let changes = feed(&mut flow, &["-", "", ""]);
        let Change::Update(e) = &changes[0] else {
            panic!()
        };
        assert_eq!((e.name.as_str(), e.closeness), ("Samira", None));
    }

    #[test]
    fn a_change_that_changes_nothing_is_not_recorded() {
        let mut flow = ReviewFlow::new(network());
        let changes = feed(&mut flow, &["c", "", "", "", "", "", ""]);
        assert!(changes.is_empty());
        assert_eq!(flow.changes(), 0);
        assert!(matches!(flow.prompt(), Prompt::Decide { number: 2, .. }));
    }

    #[test]
    fn a_new_kind_asks_the_new_kinds_questions() {
        let mut flow = ReviewFlow::new(network());
        // Sam becomes a place: closeness is cleared, place questions asked.
        let changes = feed(&mut flow, &["c", "", "3", "", "y", "n", "y"]);
        let Change::Update(e) = &changes[0] else {
            panic!("{changes:?}")
        };
        assert_eq!(e.kind, Kind::Place);
        assert_eq!(e.closeness, None);
        assert!(e.available && !e.reachable && e.uses);
        assert!(e.check().is_ok());
    }

    #[test]
    fn an_empty_network_asks_for_new_entries_and_new_ones_need_kind_and_support() {
        let mut flow = ReviewFlow::new(Vec::new());
        assert!(matches!(flow.prompt(), Prompt::More { added: 0 }));
        assert!(flow.answer("\u{1b}[2J").is_err());
        flow.answer("A").unwrap();
        assert!(flow.answer("").is_err(), "a new entry needs a kind");
        flow.answer("p").unwrap();
        assert!(flow.answer("").is_err(), "and a view of its support");
        flow.answer("mixed").unwrap();
        let changes = feed(&mut flow, &["", "", ""]);
        assert_eq!(changes.len(), 1);
        assert!(flow.answer("a").unwrap_err().contains("already"));
        flow.answer("").unwrap();
        assert!(flow.is_done());
    }
}
