def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

def main():
    data = {k: [i * i for i in range(k)] for k in range(5)}
    total = sum(len(v) for v in data.values())
    words = "the quick brown fox".split()
    pts = sorted([Point(i, -i) for i in range(3)], key=lambda p: p.y)
    try:
        {}["missing"]
    except KeyError as e:
        total += 1
    finally:
        total += fact(5)
    while total > 0:
        total //= 3
        if total == 7:
            break
    return repr(pts), words[::-1], total, "x" * 3, 2 ** 10, divmod(7, 2)
