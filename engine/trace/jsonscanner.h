#pragma once
// A streaming JSON reader for large trace files: pulls bytes from a device
// in blocks and hands out one value at a time (QJsonValue), or skips values
// without building them. Nesting is bounded (a hostile file cannot exhaust
// the stack), every error names the byte where it happened.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

class QIODevice;

namespace proclab {

class JsonScanner
{
public:
    enum class Error
    {
        None,
        Syntax,  // not JSON (or truncated)
        Nesting, // deeper than maxDepth
        Io,      // the device failed
    };

    JsonScanner(QIODevice *in, int maxDepth);

    // Next non-space byte without consuming it; 0 at the end.
    char peek();
    bool atEnd();
    bool expect(char c); // consumes c (after spaces) or fails with Syntax
    bool string(QString *out);
    // A whole value at nesting `depth` (the containers already open around it).
    bool value(QJsonValue *out, int depth);
    bool skip(int depth);

    Error error() const { return m_error; }
    QString errorText() const { return m_errorText; }
    qint64 offset() const { return m_consumed + m_pos; } // bytes read so far
    qint64 errorOffset() const { return m_errorOffset; }
    void fail(Error e, const QString &what);

private:
    bool fill();
    int get(); // next byte (no space skipping), -1 at the end
    void skipSpace();
    bool literal(const char *word);
    bool number(QJsonValue *out);

    QIODevice *m_in;
    int m_maxDepth;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0;
    bool m_eof = false;
    Error m_error = Error::None;
    QString m_errorText;
    qint64 m_errorOffset = 0;
};

} // namespace proclab
