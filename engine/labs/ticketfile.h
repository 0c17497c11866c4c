#pragma once
// The ticket lab's JSON file {"count": N}, read and written for real (a new
// open, read or write each time, as the course's json.load / json.dump), each
// access recorded as `read` / `write` of object "tickets.json".

#include <cstdint>
#include <string>

namespace proclab::labs {

class TicketFile
{
public:
    explicit TicketFile(std::string path);
    std::int64_t read() const; // -1 if the file cannot be read or parsed
    void write(std::int64_t count) const;

private:
    std::string m_path;
    std::int64_t m_id;
};

} // namespace proclab::labs
