#pragma once
// Colours and sizes of the timeline. Okabe–Ito colours (distinguishable with
// the common colour-vision deficiencies), and every state also differs by
// shape or pattern, so nothing relies on hue alone.

#include <QColor>
#include <QFont>
#include <QString>
#include <QVector>

namespace proclab {

struct TimelinePalette
{
    QColor background{0xff, 0xff, 0xff};
    QColor laneStripe{0xf2, 0xf4, 0xf7};
    QColor grid{0xdd, 0xe1, 0xe6};
    QColor text{0x1a, 0x1a, 0x1a};
    QColor mutedText{0x55, 0x5b, 0x63};

    QColor running{0x00, 0x72, 0xb2};     // blue
    QColor offCpu{0xb3, 0xd4, 0xe8};      // pale blue: in its running stretch, not on a CPU
    QColor sleeping{0x56, 0xb4, 0xe9};    // sky blue
    QColor blockedJoin{0xe6, 0x9f, 0x00}; // orange
    QColor zombie{0xcc, 0x79, 0xa7};      // reddish purple, hatched
    QColor waitLock{0xd5, 0x5e, 0x00};    // vermillion: waiting for a lock
    QColor holdLock{0x00, 0x9e, 0x73};    // bluish green: holding a lock
    QColor waitPut{0xf0, 0xe4, 0x42};     // yellow: producer blocked, queue full
    QColor waitGet{0xcc, 0x79, 0xa7};     // reddish purple (solid): consumer blocked, queue empty
    QColor sentinel{0x00, 0x00, 0x00};
    QColor syncWait{0x99, 0x99, 0x99}; // grey: Event / Condition / Barrier wait
    QColor other{0x99, 0x99, 0x99};    // intervals without a colour of their own
    QColor readMark{0xff, 0xff, 0xff};
    QColor writeMark{0x00, 0x00, 0x00};
    QColor lostUpdate{0xd5, 0x5e, 0x00};
    QColor lostUpdateFill{0xf0, 0xe4, 0x42}; // yellow

    // Sampled /proc state, a thin band under the bars. Sleeping and zombie
    // match their bars; running (on a CPU or ready for one) is bluish green.
    QColor procRunning{0x00, 0x9e, 0x73};  // bluish green: R
    QColor procSleeping{0x56, 0xb4, 0xe9}; // sky blue: S
    QColor procDisk{0xe6, 0x9f, 0x00};     // orange: D (uninterruptible, I/O)
    QColor procZombie{0xcc, 0x79, 0xa7};   // reddish purple: Z
    QColor procStopped{0x00, 0x00, 0x00};  // black: T

    QColor startArrow{0x33, 0x33, 0x33};
    QColor exitMark{0x00, 0x00, 0x00};
    QColor signalMark{0xd5, 0x5e, 0x00}; // vermillion: terminate / kill / daemon killed
    QColor errorMark{0xd5, 0x5e, 0x00};
    QColor reapedMark{0x00, 0x9e, 0x73};
    QColor stdoutMark{0x88, 0x88, 0x88};

    // Sizes, px: presentation() makes them all larger at once.
    int labelWidth = 200; // lane names column
    int laneMaxHeight = 64;
    int laneMinHeight = 16;
    int fontPointSize = 10;
    double markScale = 1.0;     // markers: dots, crosses, ticks, diamonds, rings
    double markLineWidth = 3;   // strokes of exit bars, crosses, ticks
    double lineWidth = 1.6;     // start() arrows, signal arrows, lost-update links
    double arrowHead = 8;       // length of an arrow's head
    double gridWidth = 1;       // grid and separators
    double accessTickWidth = 1; // read / write ticks
    double glyphWidth = 26;     // legend swatches (drawn at 0.85 of this: compact)
    int legendMaxLines = 2;     // the rest of the legend is "+N", on hover
    double barOutlineWidth = 0; // outline around state bars (0: none)
    QColor barOutline{0x00, 0x00, 0x00};

    // Which colour each event, interval and state gets: eventstyle.h.

    // WCAG 2 contrast ratio of two colours: 1 (same luminance) to 21
    // (black on white); text needs at least 4.5.
    static double contrastRatio(const QColor &a, const QColor &b);
    // The colour for words drawn on `fill`: the palette's dark text on light
    // fills, white on dark ones (whichever contrasts more).
    QColor textOn(const QColor &fill) const;

    static TimelinePalette standard();
    // For a projector at the back of a room: larger type, markers and lines,
    // darker grid and muted text, outlined bars.
    static TimelinePalette presentation();
    // The same for a larger screen: type, marks and the name column `scale`
    // times larger (1 at 720 px high; the lanes' minimum stays, so as many
    // fit).
    static TimelinePalette presentation(double scale);
};

} // namespace proclab
