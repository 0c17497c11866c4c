#pragma once
// gzip through zlib as QIODevices, for traces: `--trace out.json.gz` writes
// through GzipWriter (Perfetto opens gzip directly), File > Open trace reads
// .json.gz through GzipReader. Both stream: neither holds the whole text.

#include <QIODevice>
#include <memory>

namespace proclab {

// Inflates what `source` yields. Stops (an error) past `limit` bytes of output.
class GzipReader : public QIODevice
{
public:
    GzipReader(QIODevice *source, qint64 limit);
    ~GzipReader() override;
    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return true; }
    bool tooLarge() const { return m_tooLarge; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    struct State;
    std::unique_ptr<State> m_state;
    QIODevice *m_source;
    qint64 m_limit;
    qint64 m_out = 0;
    bool m_tooLarge = false;
    bool m_end = false;
};

// Deflates into `sink` in gzip format. close() (or finish()) writes the end.
class GzipWriter : public QIODevice
{
public:
    explicit GzipWriter(QIODevice *sink, int level = 1);
    ~GzipWriter() override;
    bool open(OpenMode mode) override;
    void close() override;
    bool finish(); // flushes the rest; false if the sink failed
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool pump(int flush);
    struct State;
    std::unique_ptr<State> m_state;
    QIODevice *m_sink;
    int m_level;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace proclab
