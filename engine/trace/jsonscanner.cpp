#include "jsonscanner.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <cmath>
#include <cstdlib>

namespace proclab {

namespace {
constexpr qint64 kBlock = 1 << 20;
} // namespace

JsonScanner::JsonScanner(QIODevice *in, int maxDepth) : m_in(in), m_maxDepth(maxDepth) {}

void JsonScanner::fail(Error e, const QString &what)
{
    if (m_error != Error::None)
        return;
    m_error = e;
    m_errorText = what;
    m_errorOffset = offset();
}

bool JsonScanner::fill()
{
    if (m_eof)
        return false;
    m_consumed += m_pos;
    m_buf = m_in->read(kBlock);
    m_pos = 0;
    if (m_buf.isEmpty()) {
        m_eof = true;
        if (m_in->errorString().size() && !m_in->atEnd() && m_in->isOpen() &&
            m_in->bytesAvailable() < 0)
            fail(Error::Io, m_in->errorString());
        return false;
    }
    return true;
}

int JsonScanner::get()
{
    if (m_pos >= m_buf.size() && !fill())
        return -1;
    return static_cast<unsigned char>(m_buf[m_pos++]);
}

void JsonScanner::skipSpace()
{
    for (;;) {
        if (m_pos >= m_buf.size() && !fill())
            return;
        const char c = m_buf[m_pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++m_pos;
    }
}

char JsonScanner::peek()
{
    skipSpace();
    if (m_pos >= m_buf.size())
        return 0;
    return m_buf[m_pos];
}

bool JsonScanner::atEnd()
{
    skipSpace();
    return m_pos >= m_buf.size() && m_eof;
}

bool JsonScanner::expect(char c)
{
    if (peek() != c) {
        fail(Error::Syntax, peek() ? QStringLiteral("expected '%1'").arg(QLatin1Char(c))
                                   : QStringLiteral("unexpected end of the file"));
        return false;
    }
    ++m_pos;
    return true;
}

bool JsonScanner::literal(const char *word)
{
    for (const char *p = word; *p; ++p)
        if (get() != *p) {
            fail(Error::Syntax, QStringLiteral("invalid literal"));
            return false;
        }
    return true;
}

bool JsonScanner::string(QString *out)
{
    if (!expect('"'))
        return false;
    QByteArray utf8;
    for (;;) {
        // Copy runs without escapes at once.
        const qsizetype start = m_pos;
        while (m_pos < m_buf.size() && m_buf[m_pos] != '"' && m_buf[m_pos] != '\\' &&
               static_cast<unsigned char>(m_buf[m_pos]) >= 0x20)
            ++m_pos;
        utf8.append(m_buf.constData() + start, m_pos - start);
        const int c = get();
        if (c < 0) {
            fail(Error::Syntax, QStringLiteral("unterminated string"));
            return false;
        }
        if (c == '"')
            break;
        if (c < 0x20) {
            fail(Error::Syntax, QStringLiteral("control character in a string"));
            return false;
        }
        if (c != '\\') { // a plain byte met at a block boundary
            utf8.append(char(c));
            continue;
        }
        const int e = get();
        switch (e) {
        case '"':
        case '\\':
        case '/':
            utf8.append(char(e));
            break;
        case 'b':
            utf8.append('\b');
            break;
        case 'f':
            utf8.append('\f');
            break;
        case 'n':
            utf8.append('\n');
            break;
        case 'r':
            utf8.append('\r');
            break;
        case 't':
            utf8.append('\t');
            break;
        case 'u': {
            auto hex4 = [&](char32_t *v) {
                *v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = get();
                    int d;
                    if (h >= '0' && h <= '9')
                        d = h - '0';
                    else if (h >= 'a' && h <= 'f')
                        d = h - 'a' + 10;
                    else if (h >= 'A' && h <= 'F')
                        d = h - 'A' + 10;
                    else
                        return false;
                    *v = *v * 16 + char32_t(d);
                }
                return true;
            };
            char32_t cp;
            if (!hex4(&cp)) {
                fail(Error::Syntax, QStringLiteral("invalid \\u escape"));
                return false;
            }
            if (cp >= 0xd800 && cp < 0xdc00) {
                char32_t lo;
                if (get() != '\\' || get() != 'u' || !hex4(&lo) || lo < 0xdc00 || lo >= 0xe000) {
                    fail(Error::Syntax, QStringLiteral("invalid surrogate pair"));
                    return false;
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            utf8.append(QString::fromUcs4(&cp, 1).toUtf8());
            break;
        }
        default:
            fail(Error::Syntax, QStringLiteral("invalid escape"));
            return false;
        }
    }
    *out = QString::fromUtf8(utf8);
    return true;
}

bool JsonScanner::number(QJsonValue *out)
{
    QByteArray text;
    bool integral = true;
    for (;;) {
        if (m_pos >= m_buf.size() && !fill())
            break;
        const char c = m_buf[m_pos];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
            text.append(c);
        } else if (c == '.' || c == 'e' || c == 'E') {
            integral = false;
            text.append(c);
        } else {
            break;
        }
        ++m_pos;
        if (text.size() > 64) {
            fail(Error::Syntax, QStringLiteral("number too long"));
            return false;
        }
    }
    bool ok = false;
    if (integral) {
        const qint64 v = text.toLongLong(&ok);
        if (ok) {
            *out = QJsonValue(v);
            return true;
        }
    }
    const double d = text.toDouble(&ok);
    if (!ok || !std::isfinite(d)) {
        fail(Error::Syntax, QStringLiteral("invalid number"));
        return false;
    }
    *out = QJsonValue(d);
    return true;
}

bool JsonScanner::value(QJsonValue *out, int depth)
{
    const char c = peek();
    switch (c) {
    case '{': {
        if (depth + 1 > m_maxDepth) {
            fail(Error::Nesting, QString());
            return false;
        }
        ++m_pos;
        QJsonObject o;
        if (peek() == '}') {
            ++m_pos;
            *out = o;
            return true;
        }
        for (;;) {
            QString key;
            QJsonValue v;
            if (!string(&key) || !expect(':') || !value(&v, depth + 1))
                return false;
            o.insert(key, v);
            const char n = peek();
            ++m_pos;
            if (n == '}')
                break;
            if (n != ',') {
                --m_pos;
                fail(Error::Syntax, QStringLiteral("expected ',' or '}'"));
                return false;
            }
        }
        *out = o;
        return true;
    }
    case '[': {
        if (depth + 1 > m_maxDepth) {
            fail(Error::Nesting, QString());
            return false;
        }
        ++m_pos;
        QJsonArray a;
        if (peek() == ']') {
            ++m_pos;
            *out = a;
            return true;
        }
        for (;;) {
            QJsonValue v;
            if (!value(&v, depth + 1))
                return false;
            a.append(v);
            const char n = peek();
            ++m_pos;
            if (n == ']')
                break;
            if (n != ',') {
                --m_pos;
                fail(Error::Syntax, QStringLiteral("expected ',' or ']'"));
                return false;
            }
        }
        *out = a;
        return true;
    }
    case '"': {
        QString s;
        if (!string(&s))
            return false;
        *out = s;
        return true;
    }
    case 't':
        *out = true;
        return literal("true");
    case 'f':
        *out = false;
        return literal("false");
    case 'n':
        *out = QJsonValue();
        return literal("null");
    case 0:
        fail(Error::Syntax, QStringLiteral("unexpected end of the file"));
        return false;
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return number(out);
        fail(Error::Syntax, QStringLiteral("unexpected character"));
        return false;
    }
}

bool JsonScanner::skip(int depth)
{
    const char c = peek();
    if (c == '{' || c == '[') {
        if (depth + 1 > m_maxDepth) {
            fail(Error::Nesting, QString());
            return false;
        }
        const char close = c == '{' ? '}' : ']';
        ++m_pos;
        if (peek() == close) {
            ++m_pos;
            return true;
        }
        for (;;) {
            if (c == '{') {
                QString key;
                if (!string(&key) || !expect(':'))
                    return false;
            }
            if (!skip(depth + 1))
                return false;
            const char n = peek();
            ++m_pos;
            if (n == close)
                return true;
            if (n != ',') {
                --m_pos;
                fail(Error::Syntax, QStringLiteral("expected ',' or '%1'").arg(QLatin1Char(close)));
                return false;
            }
        }
    }
    QJsonValue ignored;
    return value(&ignored, depth);
}

} // namespace proclab
