#include "raceverdict.h"

#include <QTextDocument>

namespace proclab {

namespace {
// Okabe–Ito bluish green and vermillion, darkened to read as text on white.
const QColor kRight(0x00, 0x7a, 0x5a);
const QColor kWrong(0xb0, 0x3a, 0x00);
constexpr int kLargest = 16; // pt
constexpr int kSmallest = 10;
} // namespace

RaceVerdict::RaceVerdict(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("raceVerdict"));
    setTextFormat(Qt::RichText);
    // Its width comes from the column, never from its text (fit() sizes the
    // text to it); a wrapped verdict put the number under the column's edge.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    hide();
}

void RaceVerdict::setVerdict(const QString &stated, const QString &outcome, bool correct)
{
    m_stated = stated;
    m_outcome = outcome;
    m_correct = correct;
    setToolTip(outcome.isEmpty() ? QString() : stated + QStringLiteral(" · ") + outcome);
    setVisible(!outcome.isEmpty());
    fit();
}

void RaceVerdict::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fit();
}

QString RaceVerdict::html(int pointSize, bool withStated) const
{
    const QString outcome = QStringLiteral("<b style='color:%1'>%2</b>")
                                .arg((m_correct ? kRight : kWrong).name(), m_outcome.toHtmlEscaped());
    return QStringLiteral("<div style='font-size:%1pt'>%2</div>")
        .arg(pointSize)
        .arg(withStated ? QStringLiteral("<b>%1</b> · %2").arg(m_stated.toHtmlEscaped(), outcome)
                        : outcome);
}

void RaceVerdict::fit()
{
    if (m_outcome.isEmpty()) {
        clear();
        return;
    }
    const int room = contentsRect().width();
    const auto fits = [&](const QString &text) {
        QTextDocument doc;
        doc.setDocumentMargin(0);
        doc.setDefaultFont(font());
        doc.setHtml(text);
        return doc.idealWidth() <= room;
    };
    QString chosen = html(kSmallest, false); // too narrow for anything: the number, small
    bool found = false;
    for (bool withStated : {true, false}) {
        for (int pt = kLargest; pt >= kSmallest && !found; --pt)
            if (fits(html(pt, withStated))) {
                chosen = html(pt, withStated);
                found = true;
            }
    }
    if (chosen != text())
        setText(chosen);
}

} // namespace proclab
