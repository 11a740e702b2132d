//! Draws the network screen from its state: the heading and counts, the
//! map (`network::layout::plan`: rings drawn as dotted ellipses, "You" at
//! the centre, each entry's marker and name) with the list beside it, or
//! the list grouped by ring alone; the form or the walk-through beside the
//! map (alone on a small terminal); the counts over the reviews.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::form::{self, Form};
use super::walk::Walk;
use super::{Mode, Network};
use crate::network::layout::{self, LEGEND, Map, MapItem, Plan, grouped, marker};
use crate::network::review::{Ask, Prompt};
use crate::network::{Entry, Field, Support, measures, words};
use crate::tui::context::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::spark::sparkline;
use crate::tui::widgets::text::{shorten, width, wrap};

/// The marker's colour by support (the symbol says it without colour).
fn support_style(theme: Theme, support: Support) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if !theme.color {
        return bold;
    }
    bold.fg(match support {
        Support::Supportive => Color::Green,
        Support::Mixed => Color::Yellow,
        Support::Unsupportive => Color::Red,
    })
}

/// Wrapped lines in one style.
fn para(text: &str, w: u16, style: Style) -> Vec<Line<'static>> {
    wrap(text, usize::from(w.max(1)))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The title (with the review's day) and the counts.
fn head(s: &Network, theme: Theme, w: u16) -> Vec<Line<'static>> {
    let title = match s.reviews.last() {
        Some(r) => format!("{} · {}", words::TITLE, words::as_of(&day(r.date))),
        None => words::TITLE.to_string(),
    };
    let mut lines = vec![Line::styled(shorten(&title, usize::from(w)), theme.title())];
    if !s.entries.is_empty() {
        lines.extend(para(&words::counts(&measures(&s.entries)), w, Style::new()));
    }
    lines
}

pub fn render(f: &mut Frame, s: &Network, area: Rect, ctx: &Context) {
    let area = area.inner(Margin::new(1, 0));
    match &s.mode {
        Mode::Map if s.over_time => over_time(f, s, area, ctx),
        Mode::Map => map_screen(f, s, area, ctx),
        Mode::Form(form) => beside_map(f, s, area, ctx, &s.entries, |f, r| {
            form_panel(f, form, r, ctx)
        }),
        Mode::Walk(walk) => beside_map(f, s, area, ctx, walk.flow.current(), |f, r| {
            walk_panel(f, walk, r, ctx)
        }),
    }
}

/// The map and the list, or the list alone; the highlighted entry in words,
/// the key to the symbols and the last message underneath.
fn map_screen(f: &mut Frame, s: &Network, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let top = head(s, theme, area.width);
    // Under the map: the highlighted entry in words (the list alone says
    // it already), the key to the symbols, the last message.
    let foot = |with_entry: bool| {
        let mut foot: Vec<Line<'static>> = Vec::new();
        if let Some(e) = s.selected_entry().filter(|_| with_entry) {
            foot.extend(para(
                &format!("› {}", words::entry_line(e)),
                area.width,
                theme.accent(),
            ));
        }
        if !s.entries.is_empty() {
            let legend = if width(LEGEND) <= usize::from(area.width) {
                LEGEND
            } else {
                words::SCREEN_LEGEND
            };
            foot.extend(para(legend, area.width, theme.muted()));
        }
        match &s.hint {
            Some(h) => foot.extend(para(h, area.width, theme.accent())),
            None if !s.reviews.is_empty() => {
                let last = crate::network::last_walked_through(&s.reviews);
                let days = ctx.network_review_days;
                let today = ctx.zone.at(ctx.now).date_naive();
                let next = crate::network::due::next_due(last, days);
                foot.extend(para(
                    &words::screen_due_line(last, next, today),
                    area.width,
                    theme.muted(),
                ));
            }
            None => {}
        }
        foot
    };
    let split = |foot_h: usize| {
        Layout::vertical([
            Constraint::Length(top.len() as u16),
            Constraint::Min(0),
            Constraint::Length(foot_h as u16),
        ])
        .areas::<3>(area)
    };
    let items = MapItem::all(&s.entries);
    let list_w = if area.width >= 100 { 44 } else { 30 };
    let map_w = area.width.saturating_sub(list_w + 2);
    let mut under = foot(true);
    let [_, body, _] = split(under.len());
    let plan = rounder_plan(&items, map_w, body.height);
    if matches!(plan, Plan::List(_)) {
        under = foot(false);
    }
    let [head_area, body, foot_area] = split(under.len());
    let foot = under;
    f.render_widget(Paragraph::new(top), head_area);
    f.render_widget(Paragraph::new(foot), foot_area);
    if s.entries.is_empty() {
        let text = if s.reviews.is_empty() {
            words::SCREEN_EMPTY
        } else {
            "No entries now. Press a to add someone or something, or r to walk through your network."
        };
        let body = body.inner(Margin::new(0, 1));
        let mut lines = para(text, body.width, Style::new());
        lines.push(Line::raw(""));
        lines.extend(para(words::ABOUT, body.width, theme.muted()));
        f.render_widget(Paragraph::new(lines), body);
        return;
    }
    match plan {
        Plan::Map(map) => {
            let [map_area, _, list_area] = Layout::horizontal([
                Constraint::Length(map_w),
                Constraint::Length(2),
                Constraint::Min(0),
            ])
            .areas(body);
            // A map shorter than the body sits in its middle.
            let map_area = Rect {
                y: map_area.y + map_area.height.saturating_sub(map.height) / 2,
                height: map.height.min(map_area.height),
                ..map_area
            };
            draw_map(f, &map, map_area, &s.entries, s.selected_index(), theme);
            draw_list(f, s, list_area, true, theme);
        }
        Plan::List(_) => draw_list(f, s, body, false, theme),
    }
}

/// The map in `width` x `height` cells, no taller than keeps its rings
/// about round (a cell is about twice as tall as it is wide) unless names
/// would be shortened more that way.
fn rounder_plan(items: &[MapItem<'_>], width: u16, height: u16) -> Plan {
    let full = layout::plan(items, width, height);
    let round = (width / 2).saturating_sub(12).max(layout::MIN_HEIGHT);
    if round >= height {
        return full;
    }
    let shortened = |plan: &Plan| match plan {
        Plan::Map(m) => Some(
            m.placed
                .iter()
                .filter(|p| p.label.ends_with('\u{2026}'))
                .count(),
        ),
        Plan::List(_) => None,
    };
    let rounder = layout::plan(items, width, round);
    match (shortened(&rounder), shortened(&full)) {
        (Some(a), Some(b)) if a <= b => rounder,
        _ => full,
    }
}

/// The map (when it fits) with `panel` beside it; on a small terminal the
/// panel alone.
fn beside_map(
    f: &mut Frame,
    s: &Network,
    area: Rect,
    ctx: &Context,
    entries: &[Entry],
    panel: impl FnOnce(&mut Frame, Rect),
) {
    let panel_w: u16 = 52;
    if area.width >= 100 && !entries.is_empty() {
        let map_w = area.width - panel_w - 2;
        let top = head(s, ctx.theme, map_w);
        let [left, _, right] = Layout::horizontal([
            Constraint::Length(map_w),
            Constraint::Length(2),
            Constraint::Min(0),
        ])
        .areas(area);
        let [head_area, map_area] =
            Layout::vertical([Constraint::Length(top.len() as u16), Constraint::Min(0)])
                .areas(left);
        f.render_widget(Paragraph::new(top), head_area);
        let items = MapItem::all(entries);
        if let Plan::Map(map) = rounder_plan(&items, map_area.width, map_area.height) {
            let map_area = Rect {
                y: map_area.y + map_area.height.saturating_sub(map.height) / 2,
                height: map.height.min(map_area.height),
                ..map_area
            };
            draw_map(f, &map, map_area, entries, None, ctx.theme);
        }
        panel(f, right);
    } else {
        panel(f, area);
    }
}

/// Draws a planned map into `area`.
fn draw_map(
    f: &mut Frame,
    map: &Map,
    area: Rect,
    entries: &[Entry],
    selected: Option<usize>,
    theme: Theme,
) {
    let buf = f.buffer_mut();
    let inside = |x: i32, y: i32| {
        x >= 0 && y >= 0 && x < i32::from(area.width) && y < i32::from(area.height)
    };
    let (cx, cy) = (f64::from(map.centre.0), f64::from(map.centre.1));
    // The rings: a dot about every third cell around each.
    for shape in &map.rings {
        let around = std::f64::consts::PI * (shape.rx + shape.ry);
        let n = (around / 3.0).round().max(4.0) as usize;
        for i in 0..n {
            let a = std::f64::consts::TAU * (i as f64 + 0.5) / n as f64;
            let x = (cx + shape.rx * a.cos()).round() as i32;
            let y = (cy + shape.ry * a.sin()).round() as i32;
            if inside(x, y) {
                let cell = &mut buf[(area.x + x as u16, area.y + y as u16)];
                cell.set_symbol("·").set_style(theme.border());
            }
        }
    }
    // Air around every name and around "You".
    let mut clear = |x: i32, y: u16| {
        if inside(x, i32::from(y)) {
            buf[(area.x + x as u16, area.y + y)]
                .set_symbol(" ")
                .set_style(Style::new());
        }
    };
    let you = (i32::from(map.you_x()), map.centre.1);
    for dx in -1..=layout::CENTRE.len() as i32 {
        clear(you.0 + dx, you.1);
    }
    for p in &map.placed {
        let (s, e) = p.span();
        for x in i32::from(s) - 1..=i32::from(e) {
            clear(x, p.y);
        }
    }
    buf.set_string(
        area.x + map.you_x(),
        area.y + map.centre.1,
        layout::CENTRE,
        theme.title(),
    );
    for p in &map.placed {
        let Some(e) = entries.get(p.index) else {
            continue;
        };
        let on = selected == Some(p.index);
        let mark = if on {
            theme.selected()
        } else {
            support_style(theme, e.support)
        };
        let label = if on { theme.selected() } else { Style::new() };
        let room = usize::from(area.width.saturating_sub(p.x));
        buf.set_stringn(area.x + p.x, area.y + p.y, &p.marker, room, mark);
        let room = usize::from(area.width.saturating_sub(p.label_x));
        buf.set_stringn(area.x + p.label_x, area.y + p.y, &p.label, room, label);
    }
}

/// The entries grouped by ring, the highlighted one marked; `compact`
/// beside the map (marker and name), else each with its answers in words.
fn draw_list(f: &mut Frame, s: &Network, area: Rect, compact: bool, theme: Theme) {
    let w = usize::from(area.width);
    let items = MapItem::all(&s.entries);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut at = 0;
    for group in grouped(&items) {
        if !lines.is_empty() && !compact {
            lines.push(Line::raw(""));
        }
        for l in wrap(group.ring.title(), w.max(1)) {
            lines.push(Line::styled(l, theme.title()));
        }
        for i in group.items {
            let Some(e) = s.entries.get(i) else {
                continue;
            };
            let on = s.selected_index() == Some(i);
            if on {
                at = lines.len();
            }
            let text = if compact {
                let long = format!(
                    "{} {}, {}",
                    marker(e.kind, e.support),
                    e.name,
                    words::support(e.support)
                );
                // The symbol says it when the word does not fit.
                if width(&long) + 2 <= w {
                    long
                } else {
                    format!("{} {}", marker(e.kind, e.support), e.name)
                }
            } else {
                format!("{} {}", marker(e.kind, e.support), words::entry_line(e))
            };
            let text = shorten(&format!("{} {text}", if on { "›" } else { " " }), w);
            if on {
                lines.push(Line::styled(text, theme.selected()));
            } else {
                let mut spans = vec![Span::raw("  ")];
                let mark = marker(e.kind, e.support);
                let rest = text
                    .chars()
                    .skip(2 + mark.chars().count())
                    .collect::<String>();
                spans.push(Span::styled(mark, support_style(theme, e.support)));
                spans.push(Span::raw(rest));
                lines.push(Line::from(spans));
            }
        }
    }
    let h = usize::from(area.height);
    let first = if at >= h { at + 1 - h } else { 0 };
    let out = (first > 0, lines.len() > first + h);
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(first).collect::<Vec<_>>()),
        area,
    );
    chrome::more_mark(f, theme, out, Rect { height: 1, ..area });
}

/// "1 person   2 group   3 place or service".
fn options_line(ask: Ask) -> Option<String> {
    let options = ask.options();
    if options.is_empty() {
        return match ask {
            Ask::Field(Field::Closeness | Field::Belonging) => {
                Some("1 to 5; - leaves it unanswered".into())
            }
            _ => None,
        };
    }
    Some(
        options
            .iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect::<Vec<_>>()
            .join("   "),
    )
}

fn form_panel(f: &mut Frame, form: &Form, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let title = if form.before.is_some() {
        words::FORM_EDIT
    } else {
        words::FORM_ADD
    };
    let rows = form.rows();
    let current = form.current();
    let [title_area, name_area, rows_area, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(rows.len() as u16 - 1),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(title, theme.title())),
        title_area,
    );
    let mut input = form.name.clone();
    if current != Ask::Name {
        input.set_cursor_style(Style::new());
    }
    f.render_widget(&input, name_area);
    let label_w = 19;
    let lines: Vec<Line> = rows
        .iter()
        .skip(1)
        .map(|ask| {
            let on = *ask == current;
            let text = format!(
                "{} {:<label_w$} {}",
                if on { "›" } else { " " },
                form::label(*ask),
                if on {
                    format!("‹ {} ›", form.value(*ask))
                } else {
                    form.value(*ask)
                }
            );
            let text = shorten(&text, usize::from(area.width));
            if on {
                Line::styled(text, theme.selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), rows_area);
    let name = form.typed_name();
    let name = if name.trim().is_empty() {
        "it".to_string()
    } else {
        name
    };
    let mut more = vec![Line::raw("")];
    let question = match current {
        Ask::Name => words::FORM_NAME_HINT.to_string(),
        ask => ask.question(&name),
    };
    more.extend(para(&question, rest.width, theme.accent()));
    if let Some(o) = options_line(current) {
        more.extend(para(&o, rest.width, theme.muted()));
    }
    if let Some(e) = &form.error {
        more.extend(para(e, rest.width, theme.accent()));
    }
    f.render_widget(Paragraph::new(more), rest);
}

/// An answer of the draft in words, for "Now: ...".
fn now_value(e: &Entry, ask: Ask) -> String {
    match ask {
        Ask::Name => e.name.clone(),
        Ask::Kind => e.kind.words().into(),
        Ask::Support => words::support(e.support).into(),
        Ask::Field(field) => words::field_value(e, field),
    }
}

fn walk_panel(f: &mut Frame, walk: &Walk, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let w = area.width;
    let mut lines = vec![Line::styled(words::WALK_TITLE, theme.title())];
    let mut input = false;
    match walk.flow.prompt() {
        Prompt::Decide {
            entry,
            number,
            total,
        } => {
            lines.push(Line::styled(
                words::walk_position(number, total),
                theme.accent(),
            ));
            lines.extend(para(
                &format!(
                    "{} {}",
                    marker(entry.kind, entry.support),
                    words::entry_line(entry)
                ),
                w,
                Style::new(),
            ));
            lines.push(Line::raw(""));
            lines.extend(para(words::WALK_DECIDE, w, theme.accent()));
        }
        Prompt::Ask { ask, draft, before } => {
            let what = match before {
                Some(b) => format!("Changing {}", b.name),
                None => format!("New: {}", draft.name),
            };
            lines.push(Line::styled(shorten(&what, usize::from(w)), theme.accent()));
            lines.push(Line::raw(""));
            lines.extend(para(&ask.question(&draft.name), w, theme.accent()));
            if let Some(o) = options_line(ask) {
                lines.extend(para(&o, w, Style::new()));
            }
            if before.is_some() {
                lines.extend(para(
                    &words::walk_now(&now_value(draft, ask)),
                    w,
                    theme.muted(),
                ));
            } else if form::optional(ask) || form::yes_no(ask) {
                lines.extend(para(words::WALK_SKIP, w, theme.muted()));
            }
            input = ask == Ask::Name;
        }
        Prompt::More { added } => {
            let first = added == 0 && walk.flow.current().is_empty();
            lines.push(Line::raw(""));
            lines.extend(para(words::walk_more(first), w, theme.accent()));
            input = true;
        }
        Prompt::Done => {}
    }
    let error: Vec<Line> = walk
        .error
        .as_ref()
        .map(|e| para(e, w, theme.accent()))
        .unwrap_or_default();
    let [text, input_area, error_area] = Layout::vertical([
        Constraint::Length(lines.len() as u16),
        Constraint::Length(if input { 3 } else { 0 }),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(lines), text);
    if input {
        f.render_widget(&walk.name, input_area.inner(Margin::new(0, 0)));
    }
    f.render_widget(Paragraph::new(error), error_area);
}

/// The counts of each review: the latest that fit as columns, a trend of
/// every review, oldest first.
fn over_time(f: &mut Frame, s: &Network, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let mut top = vec![Line::styled(words::OVER_TIME_TITLE, theme.title())];
    top.extend(para(words::COUNTS_NOTE, area.width, theme.muted()));
    if s.reviews.is_empty() {
        top.push(Line::raw(""));
        top.extend(para(words::OVER_TIME_EMPTY, area.width, Style::new()));
        f.render_widget(Paragraph::new(top), area);
        return;
    }
    let all: Vec<_> = s.reviews.iter().map(|r| r.measures()).collect();
    // A trend needs two reviews.
    let trend_w = if all.len() > 1 {
        all.len().clamp(5, 12) as u16
    } else {
        0
    };
    let label_w: u16 = if area.width >= 100 { 48 } else { 37 };
    let col_w: u16 = 10;
    let room = area.width.saturating_sub(label_w + 1 + trend_w + 1);
    let n = usize::from((room / (col_w + 1)).max(1)).min(all.len());
    let first = all.len() - n;
    if n < all.len() {
        top.extend(para(
            &words::over_time_shown(n, all.len()),
            area.width,
            theme.muted(),
        ));
    }
    let mut labels: Vec<(String, Vec<String>, String)> = Vec::new();
    let rows0 = measures(&[]).rows();
    for (i, row) in rows0.iter().enumerate() {
        let values: Vec<usize> = all.iter().map(|m| m.rows()[i].value).collect();
        let max = values.iter().copied().max().unwrap_or(0) as f64;
        let spark = sparkline(
            &values.iter().map(|v| *v as f64).collect::<Vec<_>>(),
            0.0,
            max.max(1.0),
        );
        labels.push((
            row.label.to_string(),
            values[first..].iter().map(|v| v.to_string()).collect(),
            last_cols(&spark, trend_w),
        ));
        if row.key == "supportive" {
            let shares: Vec<f64> = all
                .iter()
                .map(|m| m.supportive_share.unwrap_or(0.0))
                .collect();
            let spark = sparkline(&shares, 0.0, 1.0);
            labels.push((
                words::SHARE_LABEL.to_string(),
                all[first..]
                    .iter()
                    .map(|m| {
                        m.supportive_share
                            .map_or("-".into(), |s| format!("{}%", (s * 100.0).round()))
                    })
                    .collect(),
                last_cols(&spark, trend_w),
            ));
        }
    }
    labels.push((
        words::WALKED_LABEL.to_string(),
        s.reviews[first..]
            .iter()
            .map(|r| crate::strings::yes_no(r.walked_through).to_string())
            .collect(),
        String::new(),
    ));
    let rows: Vec<Row> = labels
        .into_iter()
        .map(|(label, values, spark)| {
            let wrapped = wrap(&label, usize::from(label_w));
            let h = wrapped.len().max(1) as u16;
            let mut cells = vec![Cell::from(Text::from(
                wrapped.into_iter().map(Line::from).collect::<Vec<_>>(),
            ))];
            cells.extend(values.into_iter().map(Cell::from));
            if trend_w > 0 {
                cells.push(Cell::from(Span::styled(spark, theme.accent())));
            }
            Row::new(cells).height(h)
        })
        .collect();
    let mut widths = vec![Constraint::Length(label_w)];
    widths.extend(std::iter::repeat_n(Constraint::Length(col_w), n));
    if trend_w > 0 {
        widths.push(Constraint::Length(trend_w));
    }
    let mut header = vec![Cell::from(Span::styled("Review", theme.title()))];
    header.extend(s.reviews[first..].iter().map(|r| {
        Cell::from(Span::styled(
            r.date.format("%-d %b %y").to_string(),
            theme.title(),
        ))
    }));
    if trend_w > 0 {
        header.push(Cell::from(Span::styled("Trend", theme.title())));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header))
        .column_spacing(1);
    let [head_area, table_area] =
        Layout::vertical([Constraint::Length(top.len() as u16), Constraint::Min(0)]).areas(area);
    f.render_widget(Paragraph::new(top), head_area);
    f.render_widget(table, table_area);
}

/// The last `w` columns of a sparkline (one column a character): the latest reviews.
fn last_cols(spark: &str, w: u16) -> String {
    let n = spark.chars().count();
    spark
        .chars()
        .skip(n.saturating_sub(usize::from(w)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::last_cols;

    #[test]
    fn a_sparkline_keeps_its_latest_columns() {
        assert_eq!(last_cols("▁▂▃▄▅", 3), "▃▄▅");
        assert_eq!(last_cols("▁▂", 5), "▁▂");
        assert_eq!(last_cols("▁▂", 0), "");
    }
}
