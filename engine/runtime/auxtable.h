#pragma once
// A small table of 64-bit counters in shared memory, keyed by 64-bit keys,
// shared by every process of a traced Python run (a memfd the runner makes
// and every process maps). The tracer keeps in it what CPython does not:
// the write count (version) of each shared Value, which makes lost updates
// exact to find, and the sequence numbers of the messages on each pipe
// direction, which pair every send() with its recv().
//
// Lock-free: a key is claimed with one compare-and-swap (open addressing,
// linear probing), counters are atomic. Keys are never removed (a run
// declares a few hundred at most). Key 0 is reserved (empty entry).

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace proclab {

class AuxTable
{
public:
    static constexpr std::size_t kEntries = 1u << 16; // 1 MiB
    static std::size_t bytes();

    // Creates the memfd (inherited by children, not close-on-exec).
    static int create();
    // Maps it. false with errno set on failure.
    bool attach(int fd);
    bool valid() const { return m_entries != nullptr; }

    // Adds `delta` to the key's counter and returns the new value; 0 keys
    // or a full table: returns -1 and changes nothing.
    std::int64_t add(std::uint64_t key, std::int64_t delta);
    std::int64_t get(std::uint64_t key) const; // 0 for an unknown key
    void set(std::uint64_t key, std::int64_t value);

private:
    struct Entry
    {
        std::atomic<std::uint64_t> key;
        std::atomic<std::int64_t> value;
    };
    Entry *find(std::uint64_t key, bool insert) const;

    Entry *m_entries = nullptr;
};

} // namespace proclab
