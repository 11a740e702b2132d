//! Adding or changing one entry without leaving the network screen: one
//! row per question its kind is asked (name, kind, support, then closeness,
//! feeling part of it, contact, role model, or for places and services:
//! available, reachable, used). The name is typed; the rest is chosen with
//! ←→, Space, a number or y/n. Nothing is stored until Enter saves it as one
//! change in today's review.

use ratatui_textarea::TextArea;

use crate::network::model::{self, Change, Contact, Entry, Field, Kind, Support};
use crate::network::review::Ask;
use crate::network::words;
use crate::tui::widgets::editor::{line_input, text_of};

/// The entry being added or changed.
pub struct Form {
    /// The entry as it was (None: a new one).
    pub before: Option<Entry>,
    /// The answers so far (its name is in `name`).
    pub draft: Entry,
    pub name: TextArea<'static>,
    /// The highlighted row (see `rows`).
    pub row: usize,
    /// Why the entry cannot be saved yet.
    pub error: Option<String>,
}

/// The short label of a row.
pub fn label(ask: Ask) -> &'static str {
    match ask {
        Ask::Name => "Name",
        Ask::Kind => "Kind",
        Ask::Support => "Supports my goals",
        Ask::Field(Field::Closeness) => "How close (1-5)",
        Ask::Field(Field::Belonging) => "Part of it (1-5)",
        Ask::Field(Field::Contact) => "In touch",
        Ask::Field(Field::RoleModel) => "Role model",
        Ask::Field(Field::Available) => "Available near me",
        Ask::Field(Field::Reachable) => "I can get there",
        Ask::Field(Field::Uses) => "I use it",
    }
}

/// How many numbered choices a row has (0: none).
pub fn numbered(ask: Ask) -> u8 {
    match ask {
        Ask::Kind | Ask::Support | Ask::Field(Field::Contact) => 3,
        Ask::Field(Field::Closeness | Field::Belonging) => 5,
        _ => 0,
    }
}

/// Whether a row is answered yes or no.
pub fn yes_no(ask: Ask) -> bool {
    matches!(
        ask,
        Ask::Field(Field::RoleModel | Field::Available | Field::Reachable | Field::Uses)
    )
}

/// Whether a row may be left unanswered.
pub fn optional(ask: Ask) -> bool {
    matches!(
        ask,
        Ask::Field(Field::Closeness | Field::Belonging | Field::Contact)
    )
}

/// One step around a list of choices.
fn turn<T: Copy + PartialEq>(all: &[T], now: T, forward: bool) -> T {
    let at = all.iter().position(|x| *x == now).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

impl Form {
    /// A new entry: a person, supportive, nothing else answered.
    pub fn add() -> Form {
        Form {
            before: None,
            draft: Entry {
                id: uuid::Uuid::new_v4().to_string(),
                name: String::new(),
                kind: Kind::Person,
                support: Support::Supportive,
                closeness: None,
                belonging: None,
                contact: None,
                role_model: false,
                available: false,
                reachable: false,
                uses: false,
            },
            name: line_input(" Name ", ""),
            row: 0,
            error: None,
        }
    }

    /// The entry as it is, to change.
    pub fn edit(entry: &Entry) -> Form {
        Form {
            before: Some(entry.clone()),
            draft: entry.clone(),
            name: line_input(" Name ", &entry.name),
            row: 0,
            error: None,
        }
    }

    /// The questions of the draft's kind, in order.
    pub fn rows(&self) -> Vec<Ask> {
        let mut rows = vec![Ask::Name, Ask::Kind, Ask::Support];
        rows.extend(
            Field::ALL
                .into_iter()
                .filter(|f| f.applies_to(self.draft.kind))
                .map(Ask::Field),
        );
        rows
    }

    /// The highlighted question.
    pub fn current(&self) -> Ask {
        self.rows().get(self.row).copied().unwrap_or(Ask::Name)
    }

    pub fn typed_name(&self) -> String {
        text_of(&self.name).replace('\n', " ")
    }

    /// A row's answer in words.
    pub fn value(&self, ask: Ask) -> String {
        let d = &self.draft;
        match ask {
            Ask::Name => self.typed_name(),
            Ask::Kind => d.kind.words().into(),
            Ask::Support => words::support(d.support).into(),
            Ask::Field(Field::Closeness) => d
                .closeness
                .map_or("not answered".into(), |v| format!("{v} of 5")),
            Ask::Field(Field::Belonging) => d
                .belonging
                .map_or("not answered".into(), |v| format!("{v} of 5")),
            Ask::Field(Field::Contact) => d
                .contact
                .map_or("not answered".into(), |c| words::contact(c).into()),
            Ask::Field(field) => words::field_value(d, field),
        }
    }

    /// Moves to the previous or next question.
    pub fn step(&mut self, up: bool) {
        let n = self.rows().len();
        self.row = if up {
            (self.row + n - 1) % n
        } else {
            (self.row + 1) % n
        };
    }

    fn set_kind(&mut self, kind: Kind) {
        self.draft.set_kind(kind);
        self.row = self.row.min(self.rows().len() - 1);
    }

    /// ←→ / Space: the previous or next answer of the highlighted question.
    pub fn cycle(&mut self, forward: bool) {
        let ask = self.current();
        let d = &mut self.draft;
        match ask {
            Ask::Name => {}
            Ask::Kind => {
                let kind = turn(&Kind::ALL, d.kind, forward);
                self.set_kind(kind);
            }
            Ask::Support => d.support = turn(&Support::ALL, d.support, forward),
            Ask::Field(Field::Closeness) => {
                d.closeness = turn(
                    &[None, Some(1), Some(2), Some(3), Some(4), Some(5)],
                    d.closeness,
                    forward,
                )
            }
            Ask::Field(Field::Belonging) => {
                d.belonging = turn(
                    &[None, Some(1), Some(2), Some(3), Some(4), Some(5)],
                    d.belonging,
                    forward,
                )
            }
            Ask::Field(Field::Contact) => {
                let all = [
                    None,
                    Some(Contact::Weekly),
                    Some(Contact::Monthly),
                    Some(Contact::Rarely),
                ];
                d.contact = turn(&all, d.contact, forward);
            }
            Ask::Field(field) => {
                let now = d.has(field);
                self.set_yes_no(field, !now);
            }
        }
        self.error = None;
    }

    fn set_yes_no(&mut self, field: Field, yes: bool) {
        let d = &mut self.draft;
        match field {
            Field::RoleModel => d.role_model = yes,
            Field::Available => d.available = yes,
            Field::Reachable => d.reachable = yes,
            Field::Uses => d.uses = yes,
            _ => {}
        }
    }

    /// A number typed on a question with numbered answers.
    pub fn digit(&mut self, n: u8) {
        let ask = self.current();
        if n == 0 || n > numbered(ask) {
            self.error = Some(format!(
                "Please choose a number from 1 to {}.",
                numbered(ask).max(1)
            ));
            return;
        }
        let i = usize::from(n - 1);
        let d = &mut self.draft;
        match ask {
            Ask::Kind => self.set_kind(Kind::ALL[i]),
            Ask::Support => d.support = Support::ALL[i],
            Ask::Field(Field::Contact) => d.contact = Some(Contact::ALL[i]),
            Ask::Field(Field::Closeness) => d.closeness = Some(n),
            Ask::Field(Field::Belonging) => d.belonging = Some(n),
            _ => {}
        }
        self.error = None;
    }

    /// y or n on a yes/no question.
    pub fn answer_yes_no(&mut self, yes: bool) {
        if let Ask::Field(field) = self.current()
            && yes_no(self.current())
        {
            self.set_yes_no(field, yes);
            self.error = None;
        }
    }

    /// Leaves the highlighted question unanswered.
    pub fn clear(&mut self) {
        if let Ask::Field(field) = self.current() {
            self.draft.clear(field);
            self.error = None;
        }
    }

    /// The change to store, `Ok(None)` when nothing changed, or why it
    /// cannot be saved (the name; the rules of the kind).
    pub fn change(&self) -> Result<Option<Change>, String> {
        let name = model::check_name(&self.typed_name()).map_err(|e| e.to_string())?;
        let mut entry = self.draft.clone();
        entry.name = name;
        entry.check().map_err(|e| e.to_string())?;
        Ok(match &self.before {
            None => Some(Change::Add(entry)),
            Some(before) if *before == entry => None,
            Some(_) => Some(Change::Update(entry)),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_new_kind_shows_its_own_questions_and_clears_the_others() {
        let mut form = Form::add();
        form.name.insert_str("Jo");
        // Name, kind, support, closeness, contact, role model.
        assert_eq!(form.rows().len(), 6);
        form.row = 3;
        form.digit(4);
        assert_eq!(form.draft.closeness, Some(4));
        form.row = 1;
        form.digit(3);
        assert_eq!(form.draft.kind, Kind::Place);
        assert_eq!(form.draft.closeness, None);
        assert_eq!(form.rows().len(), 6);
        form.row = 5;
        form.answer_yes_no(true);
        assert!(form.draft.uses);
        let Ok(Some(Change::Add(e))) = form.change() else {
            panic!()
        };
        assert_eq!((e.name.as_str(), e.kind, e.uses), ("Jo", Kind::Place, true));
    }

    #[test]
    fn an_empty_name_or_an_unchanged_entry_is_not_saved() {
        assert!(
            Form::add()
                .change()
                .unwrap_err()
                .contains("a name is needed")
        );
        let e = Entry::new("Sam", Kind::Group, Support::Mixed).unwrap();
        let mut form = Form::edit(&e);
        assert_eq!(form.change(), Ok(None));
        form.row = 2;
        form.cycle(true);
        assert_eq!(form.draft.support, Support::Unsupportive);
        form.row = 3;
        form.digit(6);
        assert!(form.error.is_some());
        assert!(matches!(form.change(), Ok(Some(Change::Update(_)))));
    }
}
