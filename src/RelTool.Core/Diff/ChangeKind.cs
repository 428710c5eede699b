namespace RelTool.Core.Diff;

public enum ChangeKind { Added, Removed, Changed }
