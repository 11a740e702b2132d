//! Where the network map puts things, as pure geometry in terminal cells
//! (no drawing library): the person at the centre, entries on rings by
//! closeness, each with a marker that tells its kind and support by symbol
//! (so the map reads the same without colour) and its name beside it. When
//! the names cannot be placed legibly in the area given, `plan` says so and
//! gives the same entries as a list grouped by ring instead.
//!
//! Rings, from the centre out: very close (closeness 4-5), close (3), less
//! close (1-2), and around (places and services, and people or groups whose
//! closeness is not answered).

use unicode_width::UnicodeWidthStr;

use super::model::{Entry, Kind, Support};

/// One entry to place, as the map needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapItem<'a> {
    /// Its position in the caller's list (a selection, the list beside the map).
    pub index: usize,
    pub name: &'a str,
    pub kind: Kind,
    pub support: Support,
    pub closeness: Option<u8>,
}

impl<'a> MapItem<'a> {
    /// The items of a review's entries, in their order.
    pub fn all(entries: &'a [Entry]) -> Vec<MapItem<'a>> {
        entries
            .iter()
            .enumerate()
            .map(|(index, e)| MapItem {
                index,
                name: &e.name,
                kind: e.kind,
                support: e.support,
                closeness: e.closeness,
            })
            .collect()
    }
}

/// A ring of the map, from the centre out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ring {
    /// Closeness 4 or 5.
    VeryClose,
    /// Closeness 3.
    Close,
    /// Closeness 1 or 2.
    LessClose,
    /// Places and services, and entries without a closeness.
    Around,
}

impl Ring {
    pub const ALL: [Ring; 4] = [Ring::VeryClose, Ring::Close, Ring::LessClose, Ring::Around];

    /// The ring of an entry.
    pub fn of(kind: Kind, closeness: Option<u8>) -> Ring {
        match (kind, closeness) {
            (Kind::Place, _) | (_, None) => Ring::Around,
            (_, Some(4..)) => Ring::VeryClose,
            (_, Some(3)) => Ring::Close,
            (_, Some(_)) => Ring::LessClose,
        }
    }

    /// 1 for the innermost ring, 4 for the outermost.
    pub fn number(self) -> u16 {
        match self {
            Ring::VeryClose => 1,
            Ring::Close => 2,
            Ring::LessClose => 3,
            Ring::Around => 4,
        }
    }

    /// The heading of its group in the list.
    pub fn title(self) -> &'static str {
        match self {
            Ring::VeryClose => "Very close (4-5)",
            Ring::Close => "Close (3)",
            Ring::LessClose => "Less close (1-2)",
            Ring::Around => "Around you (places, services, closeness not given)",
        }
    }
}

/// The symbol of a kind: person ●, group ◆, place or service ■.
pub fn kind_symbol(kind: Kind) -> char {
    match kind {
        Kind::Person => '\u{25CF}',
        Kind::Group => '\u{25C6}',
        Kind::Place => '\u{25A0}',
    }
}

/// The symbol of a view: supportive +, mixed ~, not supportive −.
pub fn support_symbol(support: Support) -> char {
    match support {
        Support::Supportive => '+',
        Support::Mixed => '~',
        Support::Unsupportive => '\u{2212}',
    }
}

/// The two-cell marker of an entry, e.g. "●+".
pub fn marker(kind: Kind, support: Support) -> String {
    format!("{}{}", kind_symbol(kind), support_symbol(support))
}

/// The key under the map, in words.
pub const LEGEND: &str = "\u{25CF} person  \u{25C6} group  \u{25A0} place or service   + supportive  ~ mixed  \u{2212} not supportive";

/// The label at the centre.
pub const CENTRE: &str = "You";

/// Columns of a marker.
const MARKER: u16 = 2;
/// The fewest characters of a name worth showing on the map.
const MIN_LABEL: usize = 3;
/// The most characters of a name shown on the map.
const MAX_LABEL: usize = 14;
/// The smallest area a map is tried in.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 11;

/// One entry on the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub index: usize,
    pub ring: Ring,
    /// The marker's first cell.
    pub x: u16,
    pub y: u16,
    pub marker: String,
    /// The name as shown (cleaned, perhaps shortened with …).
    pub label: String,
    /// Where the label starts (after the marker on the right half, before
    /// it on the left half), on row `y`.
    pub label_x: u16,
}

impl Placed {
    /// The columns this entry covers on its row: [start, end).
    pub fn span(&self) -> (u16, u16) {
        let label_w = UnicodeWidthStr::width(self.label.as_str()) as u16;
        let start = self.x.min(self.label_x);
        let end = (self.x + MARKER).max(self.label_x + label_w);
        (start, end)
    }
}

/// A ring as drawn: an ellipse with these radii (columns, rows) around the centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RingShape {
    pub ring: Ring,
    pub rx: f64,
    pub ry: f64,
}

/// A map that fits: where the centre, the rings and every entry go.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub width: u16,
    pub height: u16,
    /// The centre cell: "You" (`CENTRE`) is drawn from `you_x()` on its row.
    pub centre: (u16, u16),
    pub rings: Vec<RingShape>,
    pub placed: Vec<Placed>,
}

impl Map {
    /// The column where `CENTRE` starts.
    pub fn you_x(&self) -> u16 {
        self.centre.0.saturating_sub(CENTRE.len() as u16 / 2)
    }
}

/// Entries of one ring, for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub ring: Ring,
    /// Indexes of the items, in the caller's order.
    pub items: Vec<usize>,
}

/// What to draw in the area given.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Map(Map),
    /// The map would not be legible: a list grouped by ring (only rings
    /// with entries).
    List(Vec<Group>),
}

/// The entries grouped by ring, innermost first, each in the caller's order.
pub fn grouped(items: &[MapItem<'_>]) -> Vec<Group> {
    Ring::ALL
        .into_iter()
        .filter_map(|ring| {
            let members: Vec<usize> = items
                .iter()
                .filter(|i| Ring::of(i.kind, i.closeness) == ring)
                .map(|i| i.index)
                .collect();
            (!members.is_empty()).then_some(Group {
                ring,
                items: members,
            })
        })
        .collect()
}

/// A name cut to at most `max` columns, with … when shortened.
fn shorten(name: &str, max: usize) -> String {
    let clean = crate::termtext::clean_line(name);
    if UnicodeWidthStr::width(clean.as_ref()) <= max {
        return clean.into_owned();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in clean.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        out.push(c);
        width += w;
    }
    out.push('\u{2026}');
    out
}

/// How many turns of a ring are tried before giving up on it.
const TURNS: u32 = 24;

/// The entries of one ring turned by `turn` (radians), each checked
/// against `taken` (spans already used per row); `None` when one falls
/// outside the area or touches something.
#[allow(clippy::too_many_arguments)]
fn place_ring(
    members: &[&MapItem<'_>],
    shape: &RingShape,
    centre: (f64, f64),
    turn: f64,
    size: (u16, u16),
    label: usize,
    taken: &[Vec<(u16, u16)>],
) -> Option<Vec<Placed>> {
    let (cx, cy) = centre;
    let (width, height) = size;
    let n = members.len();
    let mut mine: Vec<Vec<(u16, u16)>> = vec![Vec::new(); taken.len()];
    let mut out = Vec::with_capacity(n);
    for (i, item) in members.iter().enumerate() {
        let angle =
            -std::f64::consts::FRAC_PI_2 + turn + std::f64::consts::TAU * i as f64 / n as f64;
        let x = (cx + shape.rx * angle.cos()).round();
        let y = (cy + shape.ry * angle.sin()).round();
        if x < 0.0 || y < 0.0 || y >= f64::from(height) {
            return None;
        }
        let (x, y) = (x as u16, y as u16);
        let text = shorten(item.name, label);
        let text_w = UnicodeWidthStr::width(text.as_str()) as u16;
        let label_x = if f64::from(x) >= cx {
            x + MARKER + 1
        } else {
            x.checked_sub(text_w + 1)?
        };
        let p = Placed {
            index: item.index,
            ring: shape.ring,
            x,
            y,
            marker: marker(item.kind, item.support),
            label: text,
            label_x,
        };
        let (start, end) = p.span();
        if end > width {
            return None;
        }
        let row = usize::from(y);
        // One free column between neighbours.
        let touches =
            |spans: &Vec<(u16, u16)>| spans.iter().any(|(s, e)| start < e + 1 && *s < end + 1);
        if touches(taken.get(row)?) || touches(mine.get(row)?) {
            return None;
        }
        mine[row].push((start, end));
        out.push(p);
    }
    Some(out)
}

/// Places everything with names of at most `label` columns, or `None`
/// when some ring cannot be turned so that its entries stay inside the
/// area without touching anything on their rows.
fn try_place(items: &[MapItem<'_>], width: u16, height: u16, label: usize) -> Option<Map> {
    let cx = f64::from(width / 2);
    let cy = f64::from(height / 2);
    let centre = (width / 2, height / 2);
    // Room for a marker and a label beyond the outer ring on either side.
    let reach_x = cx - f64::from(MARKER) - 2.0 - label as f64;
    let reach_y = cy - 1.0;
    if reach_x < 8.0 || reach_y < 4.0 {
        return None;
    }
    let rings: Vec<RingShape> = Ring::ALL
        .into_iter()
        .map(|ring| {
            let k = f64::from(ring.number()) / 4.0;
            RingShape {
                ring,
                rx: reach_x * k,
                ry: reach_y * k,
            }
        })
        .collect();
    // What is on each row: spans [start, end).
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); usize::from(height)];
    let you_w = CENTRE.len() as u16;
    // "You" and a column of air on either side.
    let you = (
        centre.0.saturating_sub(you_w / 2 + 1),
        centre.0 + you_w - you_w / 2 + 1,
    );
    taken[usize::from(centre.1)].push(you);
    let mut placed = Vec::with_capacity(items.len());
    for shape in &rings {
        let members: Vec<&MapItem<'_>> = items
            .iter()
            .filter(|i| Ring::of(i.kind, i.closeness) == shape.ring)
            .collect();
        if members.is_empty() {
            continue;
        }
        // Start near the top, a little turned per ring so rings do not line
        // up; turn further while anything touches.
        let step = std::f64::consts::TAU / (f64::from(TURNS) * members.len() as f64);
        let base = f64::from(shape.ring.number()) * 0.45;
        let ring = (0..TURNS).find_map(|t| {
            place_ring(
                &members,
                shape,
                (cx, cy),
                base + step * f64::from(t),
                (width, height),
                label,
                &taken,
            )
        })?;
        for p in ring {
            let (s, e) = p.span();
            taken[usize::from(p.y)].push((s, e));
            placed.push(p);
        }
    }
    Some(Map {
        width,
        height,
        centre,
        rings,
        placed,
    })
}

/// The map of `items` in an area of `width` x `height` cells with the
/// longest names that fit (from 14 columns down to 3), or the grouped list
/// when even 3 do not (or the area is smaller than 30 x 11).
pub fn plan(items: &[MapItem<'_>], width: u16, height: u16) -> Plan {
    if width >= MIN_WIDTH && height >= MIN_HEIGHT {
        for label in (MIN_LABEL..=MAX_LABEL).rev() {
            if let Some(map) = try_place(items, width, height, label) {
                return Plan::Map(map);
            }
        }
    }
    Plan::List(grouped(items))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn items(spec: &[(&'static str, Kind, Support, Option<u8>)]) -> Vec<MapItem<'static>> {
        spec.iter()
            .enumerate()
            .map(|(index, (name, kind, support, closeness))| MapItem {
                index,
                name,
                kind: *kind,
                support: *support,
                closeness: *closeness,
            })
            .collect()
    }

    fn twelve() -> Vec<MapItem<'static>> {
        use Kind::*;
        use Support::*;
        items(&[
            ("Mum", Person, Supportive, Some(5)),
            ("Sam", Person, Mixed, Some(4)),
            ("Jo", Person, Supportive, Some(3)),
            ("Old friends", Group, Unsupportive, Some(2)),
            ("Peer group", Group, Supportive, Some(4)),
            ("Work", Group, Mixed, Some(3)),
            ("Alex", Person, Supportive, None),
            ("Clinic", Place, Supportive, None),
            ("Library", Place, Supportive, None),
            ("Meeting hall", Place, Supportive, None),
            ("Gym", Place, Mixed, None),
            ("Cousin K", Person, Supportive, Some(1)),
        ])
    }

    /// The map as text, to look at when a test fails.
    fn picture(map: &Map) -> String {
        let mut rows = vec![vec![' '; usize::from(map.width)]; usize::from(map.height)];
        for (i, c) in CENTRE.chars().enumerate() {
            rows[usize::from(map.centre.1)][usize::from(map.centre.0) - 1 + i] = c;
        }
        for p in &map.placed {
            for (i, c) in p.marker.chars().enumerate() {
                rows[usize::from(p.y)][usize::from(p.x) + i] = c;
            }
            for (i, c) in p.label.chars().enumerate() {
                rows[usize::from(p.y)][usize::from(p.label_x) + i] = c;
            }
        }
        rows.into_iter()
            .map(|r| r.into_iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn assert_legible(map: &Map) {
        let mut rows: std::collections::HashMap<u16, Vec<(u16, u16)>> = Default::default();
        for p in &map.placed {
            let (s, e) = p.span();
            assert!(
                e <= map.width && p.y < map.height,
                "{p:?} outside\n{}",
                picture(map)
            );
            let row = rows.entry(p.y).or_default();
            assert!(
                row.iter().all(|(a, b)| e < *a || *b < s),
                "{p:?} touches another on row {}\n{}",
                p.y,
                picture(map)
            );
            row.push((s, e));
        }
    }

    #[test]
    fn rings_follow_closeness() {
        assert_eq!(Ring::of(Kind::Person, Some(5)), Ring::VeryClose);
        assert_eq!(Ring::of(Kind::Group, Some(4)), Ring::VeryClose);
        assert_eq!(Ring::of(Kind::Person, Some(3)), Ring::Close);
        assert_eq!(Ring::of(Kind::Person, Some(2)), Ring::LessClose);
        assert_eq!(Ring::of(Kind::Group, Some(1)), Ring::LessClose);
        assert_eq!(Ring::of(Kind::Person, None), Ring::Around);
        assert_eq!(Ring::of(Kind::Place, None), Ring::Around);
    }

    #[test]
    fn a_dozen_entries_fit_a_map_beside_a_list_at_80x24() {
        // At 80x24 the screen keeps about 46 x 18 cells for the map.
        let items = twelve();
        let Plan::Map(map) = plan(&items, 46, 18) else {
            panic!("expected a map")
        };
        assert_eq!(map.placed.len(), 12);
        assert_legible(&map);
        // Closer entries are nearer the centre.
        let dist = |p: &Placed| {
            let dx = (f64::from(p.x) - f64::from(map.centre.0)) / 2.0;
            let dy = f64::from(p.y) - f64::from(map.centre.1);
            (dx * dx + dy * dy).sqrt()
        };
        let mum = map.placed.iter().find(|p| p.index == 0).unwrap();
        let gym = map.placed.iter().find(|p| p.index == 10).unwrap();
        assert!(dist(mum) < dist(gym));
        assert_eq!(mum.marker, "\u{25CF}+");
        // Names shortened only as much as needed; every one keeps 3+ characters.
        assert!(
            map.placed
                .iter()
                .all(|p| p.label.chars().count() >= items[p.index].name.chars().count().min(3))
        );
        // The same at 120x40 (about 70 x 34 for the map), with longer names.
        let Plan::Map(big) = plan(&items, 70, 34) else {
            panic!("expected a map")
        };
        assert_legible(&big);
        let longest = |m: &Map| m.placed.iter().map(|p| p.label.chars().count()).max();
        assert!(longest(&big) >= longest(&map));
    }

    #[test]
    fn too_many_or_too_small_falls_back_to_the_grouped_list() {
        let names: Vec<String> = (0..40).map(|i| format!("Person {i}")).collect();
        let many: Vec<MapItem<'_>> = names
            .iter()
            .enumerate()
            .map(|(index, name)| MapItem {
                index,
                name,
                kind: Kind::Person,
                support: Support::Supportive,
                closeness: Some(5),
            })
            .collect();
        let Plan::List(groups) = plan(&many, 46, 18) else {
            panic!("40 entries on one ring cannot be legible at 46x18")
        };
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].items.len(), 40);
        assert!(matches!(plan(&twelve(), 29, 18), Plan::List(_)));
        assert!(matches!(plan(&twelve(), 46, 10), Plan::List(_)));
    }

    #[test]
    fn the_list_groups_by_ring_innermost_first_in_the_callers_order() {
        let groups = grouped(&twelve());
        let rings: Vec<Ring> = groups.iter().map(|g| g.ring).collect();
        assert_eq!(
            rings,
            [Ring::VeryClose, Ring::Close, Ring::LessClose, Ring::Around]
        );
        assert_eq!(groups[0].items, [0, 1, 4]);
        assert_eq!(groups[2].items, [3, 11]);
        assert_eq!(groups[3].items, [6, 7, 8, 9, 10]);
        assert!(grouped(&[]).is_empty());
    }

    #[test]
    fn an_empty_network_is_a_map_with_only_the_centre() {
        let Plan::Map(map) = plan(&[], 46, 18) else {
            panic!()
        };
        assert!(map.placed.is_empty());
        assert_eq!(map.centre, (23, 9));
        assert_eq!(map.rings.len(), 4);
    }

    #[test]
    fn long_and_hostile_names_are_shortened_and_cleaned() {
        assert_eq!(shorten("Meeting hall", 14), "Meeting hall");
        assert_eq!(shorten("Meeting hall", 6), "Meeti\u{2026}");
        assert!(!shorten("a\u{1b}[2Jb", 14).contains('\u{1b}'));
        // Wide characters count two columns.
        assert_eq!(
            UnicodeWidthStr::width(shorten("家族家族家族", 6).as_str()),
            5
        );
    }
}
