using System.Globalization;

namespace Greylane.Playground.Support.Tests;

/// <summary>The processes of a process group, read from <c>/proc</c> (field 5 of <c>/proc/PID/stat</c> is the group).</summary>
public static class ProcessGroup
{
    public static IReadOnlyList<string> Members(int groupId)
    {
        var members = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && fields[2] == groupId.ToString(CultureInfo.InvariantCulture))
                {
                    members.Add(stat[..(stat.LastIndexOf(')') + 1)]);
                }
            }
            catch (IOException)
            {
                // Ended while being read.
            }
        }

        return members;
    }
}
