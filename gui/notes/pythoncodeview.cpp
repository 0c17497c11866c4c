#include "pythoncodeview.h"

#include <QFontDatabase>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QTextBlock>

namespace proclab {

namespace {

// Keywords bold blue, strings green, numbers purple, comments grey italic.
class PythonHighlighter : public QSyntaxHighlighter
{
public:
    explicit PythonHighlighter(QTextDocument *doc) : QSyntaxHighlighter(doc)
    {
        m_keyword.setForeground(QColor(0x00, 0x3d, 0x99));
        m_keyword.setFontWeight(QFont::Bold);
        m_string.setForeground(QColor(0x1a, 0x73, 0x2e));
        m_number.setForeground(QColor(0x7a, 0x1f, 0xa2));
        m_comment.setForeground(QColor(0x6a, 0x6a, 0x6a));
        m_comment.setFontItalic(true);
    }

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression keywords(QStringLiteral(
            R"(\b(def|class|for|while|if|elif|else|with|as|import|from|return|in|not|and|or|)"
            R"(is|None|True|False|try|except|finally|raise|break|continue|pass|lambda|global)\b)"));
        static const QRegularExpression numbers(QStringLiteral(R"(\b\d+(\.\d+)?\b)"));
        static const QRegularExpression strings(
            QStringLiteral(R"((f?"([^"\\]|\\.)*"|f?'([^'\\]|\\.)*'))"));
        apply(text, keywords, m_keyword);
        apply(text, numbers, m_number);
        apply(text, strings, m_string);
        // A '#' outside a string starts a comment.
        bool inString = false;
        QChar quote;
        for (int i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (inString) {
                if (c == QLatin1Char('\\'))
                    ++i;
                else if (c == quote)
                    inString = false;
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                inString = true;
                quote = c;
            } else if (c == QLatin1Char('#')) {
                setFormat(i, text.size() - i, m_comment);
                break;
            }
        }
    }

private:
    void apply(const QString &text, const QRegularExpression &re, const QTextCharFormat &f)
    {
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), f);
        }
    }

    QTextCharFormat m_keyword, m_string, m_number, m_comment;
};

class Gutter : public QWidget
{
public:
    explicit Gutter(PythonCodeView *view) : QWidget(view), m_view(view) {}
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *e) override { m_view->paintGutter(e); }

private:
    PythonCodeView *m_view;
};

} // namespace

PythonCodeView::PythonCodeView(QWidget *parent) : QPlainTextEdit(parent), m_gutter(new Gutter(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    new PythonHighlighter(document());
    applyFont();
    connect(this, &QPlainTextEdit::updateRequest, this, &PythonCodeView::updateGutter);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
}

void PythonCodeView::applyFont()
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF()); // follows the application font (presentation mode)
    document()->setDefaultFont(mono);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void PythonCodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFont();
}

void PythonCodeView::setLines(const QStringList &lines)
{
    setPlainText(lines.join(QLatin1Char('\n')));
    m_highlighted = -1;
    setExtraSelections({});
    // Start at the first function: the imports say little in a small pane.
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).startsWith(QLatin1String("def "))) {
            verticalScrollBar()->setValue(std::max(0, i - 1));
            break;
        }
}

QString PythonCodeView::lineText(int line) const
{
    return document()->findBlockByNumber(line).text();
}

void PythonCodeView::setHighlightedLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line);
    m_highlighted = block.isValid() ? line : -1;
    if (m_highlighted < 0) {
        setExtraSelections({});
        m_gutter->update();
        return;
    }
    QTextEdit::ExtraSelection sel;
    sel.format.setBackground(QColor(0xff, 0xe0, 0x66)); // a marker-pen yellow
    sel.format.setProperty(QTextFormat::FullWidthSelection, true);
    sel.cursor = QTextCursor(block);
    setExtraSelections({sel});
    QTextCursor c(block);
    setTextCursor(c);
    centerCursor();
    m_gutter->update();
}

int PythonCodeView::gutterWidth() const
{
    const int digits = QString::number(std::max(1, blockCount())).size();
    const QFontMetrics fm(document()->defaultFont());
    return 12 + fm.horizontalAdvance(QLatin1Char('9')) * std::max(2, digits);
}

void PythonCodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void PythonCodeView::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void PythonCodeView::paintGutter(QPaintEvent *event)
{
    QPainter p(m_gutter);
    p.fillRect(event->rect(), QColor(0xee, 0xf0, 0xf3));
    p.setFont(document()->defaultFont());
    QTextBlock block = firstVisibleBlock();
    double top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const QFontMetrics fm(document()->defaultFont());
    while (block.isValid() && top <= event->rect().bottom()) {
        const double height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool current = block.blockNumber() == m_highlighted;
            p.setPen(current ? QColor(0x1a, 0x1a, 0x1a) : QColor(0x70, 0x76, 0x7e));
            QFont f = p.font();
            f.setBold(current);
            p.setFont(f);
            p.drawText(QRectF(0, top, m_gutter->width() - 6, fm.height()), Qt::AlignRight,
                       QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top += height;
    }
}

} // namespace proclab
