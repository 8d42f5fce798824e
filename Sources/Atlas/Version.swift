public enum AtlasVersion { public static let schema = 1 }
