// C3 method resolution order, as Python computes it.
#include "sim/python/classobject.h"

namespace pipelab::py {

bool computeMro(ClassObject* cls)
{
    std::vector<std::vector<ClassObject*>> seqs;
    for (ClassObject* b : cls->bases)
        seqs.push_back(b->mro);
    seqs.push_back(cls->bases);
    std::vector<ClassObject*> result{cls};
    while (true) {
        bool allEmpty = true;
        for (auto& s : seqs)
            if (!s.empty())
                allEmpty = false;
        if (allEmpty)
            break;
        ClassObject* candidate = nullptr;
        for (auto& s : seqs) {
            if (s.empty())
                continue;
            ClassObject* head = s.front();
            bool inTail = false;
            for (auto& other : seqs)
                for (std::size_t i = 1; i < other.size(); ++i)
                    if (other[i] == head)
                        inTail = true;
            if (!inTail) {
                candidate = head;
                break;
            }
        }
        if (!candidate)
            return false;
        result.push_back(candidate);
        for (auto& s : seqs)
            if (!s.empty() && s.front() == candidate)
                s.erase(s.begin());
    }
    cls->mro = std::move(result);
    return true;
}

} // namespace pipelab::py
