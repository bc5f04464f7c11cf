using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>Entry-by-entry differences of two list values such as PATH.</summary>
    public static class ListDifference
    {
        public static void Fill(GoEnvDifference row, string[] reference, string[] difference, StringComparer comparer)
        {
            Dictionary<string, int> referenceCounts = Count(reference, comparer);
            Dictionary<string, int> differenceCounts = Count(difference, comparer);
            row.PathEntriesAdded = OnlyIn(difference, referenceCounts, comparer);
            row.PathEntriesRemoved = OnlyIn(reference, differenceCounts, comparer);
            row.PathEntriesMoved = Moved(reference, difference, referenceCounts, comparer);

            var duplicated = new List<string>();
            foreach (KeyValuePair<string, int> pair in differenceCounts)
            {
                referenceCounts.TryGetValue(pair.Key, out int before);
                if (pair.Value > 1 && pair.Value > before)
                {
                    duplicated.Add(pair.Key);
                }
            }

            row.PathEntriesDuplicated = InOrderOf(difference, duplicated, comparer);
        }

        private static Dictionary<string, int> Count(string[] entries, StringComparer comparer)
        {
            var counts = new Dictionary<string, int>(entries.Length, comparer);
            foreach (string entry in entries)
            {
                counts.TryGetValue(entry, out int n);
                counts[entry] = n + 1;
            }

            return counts;
        }

        private static string[] OnlyIn(string[] side, Dictionary<string, int> otherCounts, StringComparer comparer)
        {
            var result = new List<string>();
            var listed = new HashSet<string>(comparer);
            foreach (string entry in side)
            {
                if (!otherCounts.ContainsKey(entry) && listed.Add(entry))
                {
                    result.Add(entry);
                }
            }

            return result.ToArray();
        }

        /// <summary>
        /// The entries both sides hold whose order relative to the others changed: of the shared entries (each at
        /// its first place), the longest run that keeps its order stays put and the rest moved. That names the
        /// entry someone moved (one moved entry, not every entry it jumped over).
        /// </summary>
        private static string[] Moved(string[] reference, string[] difference, Dictionary<string, int> referenceCounts, StringComparer comparer)
        {
            var differencePlace = new Dictionary<string, int>(difference.Length, comparer);
            for (int i = 0; i < difference.Length; i++)
            {
                if (!differencePlace.ContainsKey(difference[i]) && referenceCounts.ContainsKey(difference[i]))
                {
                    differencePlace.Add(difference[i], i);
                }
            }

            var shared = new List<string>();
            var places = new List<int>();
            var taken = new HashSet<string>(comparer);
            foreach (string entry in reference)
            {
                if (differencePlace.TryGetValue(entry, out int place) && taken.Add(entry))
                {
                    shared.Add(entry);
                    places.Add(place);
                }
            }

            bool[] stays = LongestIncreasing(places);
            var moved = new List<KeyValuePair<int, string>>();
            for (int i = 0; i < shared.Count; i++)
            {
                if (!stays[i])
                {
                    moved.Add(new KeyValuePair<int, string>(places[i], shared[i]));
                }
            }

            moved.Sort((a, b) => a.Key.CompareTo(b.Key));
            return moved.ConvertAll(pair => pair.Value).ToArray();
        }

        /// <summary>Marks one longest strictly increasing subsequence (patience sorting, n log n).</summary>
        private static bool[] LongestIncreasing(List<int> values)
        {
            int n = values.Count;
            var tails = new int[n];
            var previous = new int[n];
            int length = 0;
            for (int i = 0; i < n; i++)
            {
                int low = 0;
                int high = length;
                while (low < high)
                {
                    int mid = (low + high) / 2;
                    if (values[tails[mid]] < values[i])
                    {
                        low = mid + 1;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                previous[i] = low > 0 ? tails[low - 1] : -1;
                tails[low] = i;
                if (low == length)
                {
                    length++;
                }
            }

            var marked = new bool[n];
            for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i])
            {
                marked[i] = true;
            }

            return marked;
        }

        private static string[] InOrderOf(string[] side, List<string> chosen, StringComparer comparer)
        {
            if (chosen.Count == 0)
            {
                return Array.Empty<string>();
            }

            var wanted = new HashSet<string>(chosen, comparer);
            var result = new List<string>(chosen.Count);
            foreach (string entry in side)
            {
                if (wanted.Remove(entry))
                {
                    result.Add(entry);
                }
            }

            return result.ToArray();
        }
    }
}
