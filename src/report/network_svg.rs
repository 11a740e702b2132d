//! The recovery-network map for the HTML report, drawn by hand as SVG: the
//! person at the centre, entries on rings by closeness (the same rings as
//! the terminal map, `network::layout::Ring`), each marked by its kind
//! (circle, diamond, square) and its support (a symbol inside the marker
//! as well as a colour, so it reads in grey print), with the name beside
//! it. Every text is escaped; each entry carries a `<title>` with its answers.

use std::fmt::Write as _;

use super::html::escape;
use crate::network::layout::{Ring, support_symbol};
use crate::network::{Entry, Kind, Support, words};

/// The caption under the map.
pub const CAPTION: &str = "Rings from the centre out: very close (4-5), close (3), less close (1-2), and around you (places and services, and entries whose closeness was not given). Circle: person; diamond: group; square: place or service. + supportive of your goals, ~ mixed, \u{2212} not supportive.";

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 470.0;
const CX: f64 = 320.0;
const CY: f64 = 215.0;
/// Radius of each ring, from the centre out.
const RADII: [f64; 4] = [55.0, 100.0, 145.0, 190.0];
/// The longest name drawn (the full one is in the entry's title).
const MAX_LABEL: usize = 22;

fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Fill, stroke and symbol colour of a marker by support.
fn colours(s: Support) -> (&'static str, &'static str, &'static str) {
    match s {
        Support::Supportive => ("#2e7d32", "#1b5e20", "#ffffff"),
        Support::Mixed => ("#f2c94c", "#8a6d00", "#1a1a1a"),
        Support::Unsupportive => ("#ffffff", "#5c5c5c", "#1a1a1a"),
    }
}

fn shape(kind: Kind, x: f64, y: f64, fill: &str, stroke: &str) -> String {
    match kind {
        Kind::Person => format!(
            r#"<circle cx="{}" cy="{}" r="9" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            n(x),
            n(y)
        ),
        Kind::Group => format!(
            r#"<polygon points="{},{} {},{} {},{} {},{}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            n(x),
            n(y - 11.0),
            n(x + 11.0),
            n(y),
            n(x),
            n(y + 11.0),
            n(x - 11.0),
            n(y)
        ),
        Kind::Place => format!(
            r#"<rect x="{}" y="{}" width="17" height="17" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            n(x - 8.5),
            n(y - 8.5)
        ),
    }
}

fn label(name: &str) -> String {
    if name.chars().count() <= MAX_LABEL {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX_LABEL - 1).collect();
        s.push('\u{2026}');
        s
    }
}

/// The `<svg>` map of `entries`; `id` names its title for `aria-labelledby`.
pub fn render(entries: &[Entry], id: &str) -> String {
    let title_id = format!("{id}-title");
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{tid}" font-size="12">"#,
        w = n(WIDTH),
        h = n(HEIGHT),
        tid = escape(&title_id)
    );
    let _ = write!(
        s,
        r#"<title id="{}">{}</title>"#,
        escape(&title_id),
        escape(&format!(
            "Map of your recovery network: {} {} around you",
            entries.len(),
            if entries.len() == 1 {
                "entry"
            } else {
                "entries"
            }
        ))
    );
    s.push_str(r##"<g class="rings" fill="none" stroke="#c9d1d9" stroke-width="1">"##);
    for r in RADII {
        let _ = write!(s, r#"<circle cx="{}" cy="{}" r="{}"/>"#, n(CX), n(CY), n(r));
    }
    s.push_str("</g>");
    s.push_str(r##"<g class="ring-labels" fill="#6e7781" font-size="10" text-anchor="middle">"##);
    for (ring, r) in Ring::ALL.into_iter().zip(RADII) {
        let text = match ring {
            Ring::VeryClose => "4-5",
            Ring::Close => "3",
            Ring::LessClose => "1-2",
            Ring::Around => "around",
        };
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            n(CX),
            n(CY + r - 3.0),
            escape(text)
        );
    }
    s.push_str("</g>");
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="17" fill="#1a1a1a"/><text x="{}" y="{}" fill="#ffffff" font-weight="600" text-anchor="middle">You</text>"##,
        n(CX),
        n(CY),
        n(CX),
        n(CY + 4.0)
    );
    for (ring, radius) in Ring::ALL.into_iter().zip(RADII) {
        let members: Vec<&Entry> = entries
            .iter()
            .filter(|e| Ring::of(e.kind, e.closeness) == ring)
            .collect();
        let count = members.len();
        let turn = f64::from(ring.number()) * 0.45;
        for (i, e) in members.into_iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2
                + turn
                + std::f64::consts::TAU * i as f64 / count as f64;
            let (x, y) = (CX + radius * angle.cos(), CY + radius * angle.sin());
            let (fill, stroke, ink) = colours(e.support);
            let right = x >= CX;
            let _ = write!(
                s,
                r#"<g class="entry"><title>{}</title>{}<text x="{}" y="{}" fill="{ink}" font-weight="700" text-anchor="middle">{}</text><text x="{}" y="{}" text-anchor="{}">{}</text></g>"#,
                escape(&words::entry_line(e)),
                shape(e.kind, x, y, fill, stroke),
                n(x),
                n(y + 4.0),
                support_symbol(e.support),
                n(if right { x + 14.0 } else { x - 14.0 }),
                n(y + 4.0),
                if right { "start" } else { "end" },
                escape(&label(&e.name))
            );
        }
    }
    // The key, under the map.
    let ky = HEIGHT - 22.0;
    let mut kx = 24.0;
    s.push_str(r#"<g class="legend" font-size="11">"#);
    for (kind, text) in [
        (Kind::Person, "person"),
        (Kind::Group, "group"),
        (Kind::Place, "place or service"),
    ] {
        s.push_str(&shape(kind, kx, ky, "#ffffff", "#5c5c5c"));
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            n(kx + 15.0),
            n(ky + 4.0),
            escape(text)
        );
        kx += 30.0 + text.len() as f64 * 6.5;
    }
    for support in [Support::Supportive, Support::Mixed, Support::Unsupportive] {
        let (fill, stroke, ink) = colours(support);
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="9" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{}" y="{}" fill="{ink}" font-weight="700" text-anchor="middle">{}</text><text x="{}" y="{}">{}</text>"#,
            n(kx),
            n(ky),
            n(kx),
            n(ky + 4.0),
            support_symbol(support),
            n(kx + 15.0),
            n(ky + 4.0),
            escape(words::support(support))
        );
        kx += 30.0 + words::support(support).len() as f64 * 6.5;
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_every_entry_is_drawn() {
        let mut a = Entry::new("<b>&\"x\"</b>", Kind::Person, Support::Supportive).unwrap();
        a.closeness = Some(5);
        let b = Entry::new("Clinic", Kind::Place, Support::Mixed).unwrap();
        let g = Entry::new(
            "A very long group name indeed, longer",
            Kind::Group,
            Support::Unsupportive,
        )
        .unwrap();
        let svg = render(&[a, b, g], "m");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
        assert_eq!(svg.matches(r#"<g class="entry">"#).count(), 3);
        assert!(svg.contains(">A very long group nam\u{2026}<"), "{svg}");
        assert!(svg.contains("<polygon") && svg.contains("<rect"));
        assert!(svg.contains('\u{2212}'));
    }
}
