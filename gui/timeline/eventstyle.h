// SPDX-License-Identifier: MIT
#pragma once
// The event vocabulary's looks, in one table (eventstyle.cpp): for every
// event, interval and sampled /proc state, keyed by its ev:: name
// (engine/trace/traceevent.h), its colour in the palette, its legend glyph,
// group and texts, and the tooltip's sentence. Painter, tooltip, legend and
// process tree read it; none keeps a list of names of its own.
//
// Lookups by EventKind or SampledState are an array index (the painter asks
// per bar and per pixel column); by name, one EventKind lookup.

#include "eventkind.h"
#include "sampledstate.h"
#include "timelinepalette.h"

#include <QColor>
#include <QString>
#include <array>
#include <span>

namespace proclab {

// How the legend draws an entry.
enum class LegendGlyph : std::uint8_t
{
    Swatch,
    Hatched,
    Dot,
    Bar,
    Cross,
    Triangle,
    Tick,
    ReadWrite,
    Lost,
    Diamond,
    Band,   // thin strip: a sampled /proc state
    Dashed, // dashed upright: re-parented
    Label,  // text only (heads a group of items)
    More,   // "+N": entries left out, shown on hover
};

// When the legend shows an entry: always, or when the run has that feature
// (LegendFeatures). None: never (the entry only colours or describes).
enum class LegendGroup : std::uint8_t
{
    None,
    Always,
    Joins,
    Zombies,
    Locks,
    Queues,
    Pipes,
    Signalled,
    Errors,
    Reparent,
    Values,
    CpuShares,
    States,
    Present, // shown when the run has an event of the entry's own kind
};

struct EventStyle
{
    const QString *name = nullptr; // ev::Running, ...; the key
    EventKind kind = EventKind::Other;
    SampledState state = SampledState::Gone;                   // the sampled states (kind State)
    QColor TimelinePalette::*colour = &TimelinePalette::other; // bar, mark or band
    LegendGroup group = LegendGroup::None;
    LegendGlyph glyph = LegendGlyph::Swatch;
    const char *legendShort = nullptr; // beside the glyph ("sleep"); context TimelineLegend
    const char *legendFull = nullptr;  // in the legend's tooltip ("sleeping")
    // The tooltip's sentence, %1.. filled with the event's arguments `tipArgs`
    // ("@name": the event's name); null: the tooltip composes it itself.
    const char *tip = nullptr;
    std::array<const char *, 4> tipArgs{};
    bool sentinel = false; // put(None) / got None: a legend entry of put's

    QColor colourIn(const TimelinePalette &p) const { return p.*colour; }
    QString shortLabel() const; // translated; empty when not in the legend
    QString fullLabel() const;  // translated; the name when it has none
    bool hasTip() const { return tip != nullptr; }
    // The tooltip's sentence with `arg(key)` for each of tipArgs.
    template <typename ArgFn> QString tipText(const QString &eventName, ArgFn arg) const
    {
        QString s = tipPattern();
        for (const char *key : tipArgs)
            if (key)
                s = s.arg(qstrcmp(key, "@name") == 0 ? eventName : arg(key));
        return s;
    }
    QString tipPattern() const; // translated
};

namespace eventstyle {

// Every entry, in legend order.
std::span<const EventStyle> all();
// O(1). A blank entry (palette.other, no legend, no tip) for kinds without one.
const EventStyle &of(EventKind k);
const EventStyle &of(SampledState s);
// By ev:: name (events and sampled states); blank for unknown names.
const EventStyle &of(const QString &name);

// The colour an interval's bar gets: its own for the coloured intervals,
// palette.other for the rest (and for every non-interval kind).
inline QColor barColour(const TimelinePalette &p, EventKind k)
{
    return eventkind::classOf(k) == KindClass::Interval ? of(k).colourIn(p) : p.other;
}
inline QColor barColour(const TimelinePalette &p, const QString &interval)
{
    return barColour(p, eventkind::fromName(interval));
}
inline QColor stateColour(const TimelinePalette &p, SampledState s)
{
    return of(s).colourIn(p);
}
QColor stateColour(const TimelinePalette &p, const QString &stateName);

} // namespace eventstyle

} // namespace proclab
