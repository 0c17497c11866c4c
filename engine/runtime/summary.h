#pragma once
// A lab's result: an ordered set of named numbers, flags and strings, sent to
// the host as one JSON object (trace record Summary) when MainProcess ends.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace proclab {

class Summary
{
public:
    void set(const std::string &key, std::int64_t v);
    void set(const std::string &key, int v) { set(key, std::int64_t(v)); }
    void set(const std::string &key, double v);
    void set(const std::string &key, bool v);
    void set(const std::string &key, const std::string &v);
    void set(const std::string &key, const char *v) { set(key, std::string(v)); }
    // An array of objects, e.g. one row per measured method (a chart reads it).
    void set(const std::string &key, const std::vector<Summary> &rows);

    // Fields only known after MainProcess's exit handler has joined every
    // child (a daemon's exit code, ...). Run by finishMainProcess().
    void afterExit(std::function<void(Summary &)> fn) { m_afterExit.push_back(std::move(fn)); }
    void runAfterExit();

    std::string toJson() const;
    bool empty() const { return m_fields.empty(); }

private:
    void put(const std::string &key, std::string json);
    std::vector<std::pair<std::string, std::string>> m_fields; // key, JSON literal
    std::vector<std::function<void(Summary &)>> m_afterExit;
};

std::string jsonQuote(const std::string &s);

} // namespace proclab
