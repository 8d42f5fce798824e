import XCTest
@testable import Atlas
