import Atlas

/// Where each pane goes for a terminal size. Wide terminals show the three lists
/// stacked beside the detail; medium ones one list beside the detail; narrow ones
/// only the focused pane.
struct Layout {
    var lists: [(PaneID, rect: Rect)]
    var detail: Rect?
    var timelineRow: Int?
    var statusRow: Int
    var bottomRow: Int

    static let minWidth = 40
    static let minHeight = 8

    static func compute(width: Int, height: Int, focus: PaneID, lastList: PaneID) -> Layout {
        let timeline = height >= 16
        let bodyTop = 1
        let bodyBottom = height - 2 - (timeline ? 1 : 0)
        let bodyHeight = bodyBottom - bodyTop
        let list = focus == .detail ? lastList : focus
        var lists: [(PaneID, rect: Rect)] = []
        var detail: Rect?
        if width >= 100 && bodyHeight >= 18 {
            let leftWidth = max(44, width * 9 / 20)
            let eventsHeight = bodyHeight / 2
            let actorsHeight = (bodyHeight - eventsHeight) / 2
            lists = [(.events, Rect(x: 0, y: bodyTop, width: leftWidth, height: eventsHeight)),
                     (.actors, Rect(x: 0, y: bodyTop + eventsHeight, width: leftWidth, height: actorsHeight)),
                     (.missions, Rect(x: 0, y: bodyTop + eventsHeight + actorsHeight, width: leftWidth,
                                      height: bodyHeight - eventsHeight - actorsHeight))]
            detail = Rect(x: leftWidth, y: bodyTop, width: width - leftWidth, height: bodyHeight)
        } else if width >= 72 {
            let leftWidth = width * 9 / 20
            lists = [(list, Rect(x: 0, y: bodyTop, width: leftWidth, height: bodyHeight))]
            detail = Rect(x: leftWidth, y: bodyTop, width: width - leftWidth, height: bodyHeight)
        } else if focus == .detail {
            detail = Rect(x: 0, y: bodyTop, width: width, height: bodyHeight)
        } else {
            lists = [(list, Rect(x: 0, y: bodyTop, width: width, height: bodyHeight))]
        }
        return Layout(lists: lists, detail: detail, timelineRow: timeline ? bodyBottom : nil,
                      statusRow: height - 2, bottomRow: height - 1)
    }
}
