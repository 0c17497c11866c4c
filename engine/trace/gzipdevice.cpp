#include "gzipdevice.h"

#include <QByteArray>
#include <zlib.h>

namespace proclab {

namespace {
constexpr int kChunk = 1 << 18;
constexpr int kGzipWindow = 15 + 16; // gzip header and trailer
} // namespace

struct GzipReader::State
{
    z_stream z{};
    QByteArray in;
    bool initialised = false;
};

GzipReader::GzipReader(QIODevice *source, qint64 limit)
    : m_state(std::make_unique<State>()), m_source(source), m_limit(limit)
{
}

GzipReader::~GzipReader()
{
    close();
}

bool GzipReader::open(OpenMode mode)
{
    if (mode != ReadOnly)
        return false;
    if (inflateInit2(&m_state->z, kGzipWindow) != Z_OK) {
        setErrorString(QStringLiteral("zlib could not start"));
        return false;
    }
    m_state->initialised = true;
    return QIODevice::open(mode);
}

void GzipReader::close()
{
    if (m_state && m_state->initialised) {
        inflateEnd(&m_state->z);
        m_state->initialised = false;
    }
    QIODevice::close();
}

qint64 GzipReader::readData(char *data, qint64 maxSize)
{
    if (m_end || m_tooLarge)
        return m_tooLarge ? -1 : 0;
    z_stream &z = m_state->z;
    z.next_out = reinterpret_cast<Bytef *>(data);
    z.avail_out = uInt(std::min<qint64>(maxSize, 1 << 30));
    while (z.avail_out > 0) {
        if (z.avail_in == 0) {
            m_state->in = m_source->read(kChunk);
            if (m_state->in.isEmpty())
                break; // truncated: the JSON reader says so
            z.next_in = reinterpret_cast<Bytef *>(m_state->in.data());
            z.avail_in = uInt(m_state->in.size());
        }
        const int r = inflate(&z, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            // Concatenated gzip members are still one file.
            if (z.avail_in == 0 && m_source->atEnd()) {
                m_end = true;
                break;
            }
            inflateReset(&z);
            continue;
        }
        if (r != Z_OK && r != Z_BUF_ERROR) {
            setErrorString(QStringLiteral("not a valid gzip file (%1)")
                               .arg(QString::fromLatin1(z.msg ? z.msg : "?")));
            return -1;
        }
        if (r == Z_BUF_ERROR && z.avail_in > 0)
            break;
    }
    const qint64 got = qint64(z.next_out - reinterpret_cast<Bytef *>(data));
    m_out += got;
    if (m_out > m_limit) {
        m_tooLarge = true;
        setErrorString(QStringLiteral("too large"));
        return -1;
    }
    return got;
}

struct GzipWriter::State
{
    z_stream z{};
    QByteArray out;
    bool initialised = false;
};

GzipWriter::GzipWriter(QIODevice *sink, int level)
    : m_state(std::make_unique<State>()), m_sink(sink), m_level(level)
{
}

GzipWriter::~GzipWriter()
{
    close();
}

bool GzipWriter::open(OpenMode mode)
{
    if (mode != WriteOnly)
        return false;
    if (deflateInit2(&m_state->z, m_level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        setErrorString(QStringLiteral("zlib could not start"));
        return false;
    }
    m_state->initialised = true;
    m_state->out.resize(kChunk);
    return QIODevice::open(mode);
}

bool GzipWriter::pump(int flush)
{
    z_stream &z = m_state->z;
    do {
        z.next_out = reinterpret_cast<Bytef *>(m_state->out.data());
        z.avail_out = uInt(m_state->out.size());
        const int r = deflate(&z, flush);
        if (r == Z_STREAM_ERROR)
            return false;
        const qint64 n = m_state->out.size() - qint64(z.avail_out);
        if (n > 0 && m_sink->write(m_state->out.constData(), n) != n) {
            setErrorString(m_sink->errorString());
            return false;
        }
    } while (z.avail_out == 0);
    return true;
}

qint64 GzipWriter::writeData(const char *data, qint64 size)
{
    if (m_failed || m_finished)
        return -1;
    z_stream &z = m_state->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    z.avail_in = uInt(size);
    if (!pump(Z_NO_FLUSH)) {
        m_failed = true;
        return -1;
    }
    return size;
}

bool GzipWriter::finish()
{
    if (m_finished || !m_state->initialised)
        return !m_failed;
    m_finished = true;
    m_state->z.avail_in = 0;
    if (!m_failed && !pump(Z_FINISH))
        m_failed = true;
    deflateEnd(&m_state->z);
    m_state->initialised = false;
    return !m_failed;
}

void GzipWriter::close()
{
    if (m_state && m_state->initialised)
        finish();
    QIODevice::close();
}

} // namespace proclab
