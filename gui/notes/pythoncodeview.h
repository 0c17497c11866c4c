#pragma once
// A short Python program shown read-only: monospace, line numbers, light
// syntax colouring (keywords, strings, comments, numbers) and one highlighted
// line (the line the selected timeline event happens on).

#include <QPlainTextEdit>

namespace proclab {

class PythonCodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PythonCodeView(QWidget *parent = nullptr);

    void setLines(const QStringList &lines);
    // Highlights line `line` (0-based) and scrolls to it; -1 clears.
    void setHighlightedLine(int line);
    int highlightedLine() const { return m_highlighted; }
    QString lineText(int line) const;

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutter(const QRect &rect, int dy);
    void applyFont();

    QWidget *m_gutter;
    int m_highlighted = -1;
};

} // namespace proclab
