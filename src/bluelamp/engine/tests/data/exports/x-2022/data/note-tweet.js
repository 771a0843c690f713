window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1520000000000000600",
      "updatedAt" : "2022-05-01T14:00:00.000Z",
      "lifecycle" : {
        "value" : "Active",
        "name" : "Active",
        "originalName" : "Active",
        "annotations" : {}
      },
      "createdAt" : "2022-05-01T14:00:00.000Z",
      "core" : {
        "styletags" : [],
        "urls" : [
          {
            "shortUrl" : "https://t.co/LoNg123456",
            "expandedUrl" : "https://www.example.police.uk/op",
            "displayUrl" : "example.police.uk/op",
            "fromIndex" : "0",
            "toIndex" : "1"
          }
        ],
        "text" : "Our long update on the weekend's operation, which ran across three districts and involved officers from neighbourhood teams, roads policing and the dogs unit. Our long update on the weekend's operation, which ran across three districts and involved officers from neighbourhood teams, roads policing and the dogs unit. Our long update on the weekend's operation, which ran across three districts and involved officers from neighbourhood teams, roads policing and the dogs unit. Our long update on the weekend's operation, which ran across three districts and involved officers from neighbourhood teams, roads policing and the dogs unit. More: https://t.co/LoNg123456",
        "mentions" : [],
        "cashtags" : [],
        "hashtags" : []
      }
    }
  }
]